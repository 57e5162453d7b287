#!/usr/bin/env bash
# Installs what is missing (tools/setup.sh), then builds both programs (and the
# test-only sbf_probe) with the stock `anchor build`, plus the test addon.
# `build.sh demo` builds only what `make demo` deploys: the two programs
# without their IDL build (the demo and the migration use the IDL the SDK
# ships, app/src/idl) and the Pyth stand-in fixture.
set -euo pipefail
what=${1:-all}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

step "setup (skips what is already installed)"
tools/setup.sh all
source tools/env.sh

step "anchor build (SBF via tools/sbf; IDL and TS types)"
mkdir -p target/deploy
for kp in keys/*-keypair.json; do
  [ -f "target/deploy/$(basename "$kp")" ] || cp "$kp" target/deploy/
done
if [ "$what" = demo ]; then
  anchor build --no-idl
  cargo-build-sbf --manifest-path tests/fixtures/pyth-oracle-fixture/Cargo.toml --sbf-out-dir target/deploy
  step "build done (demo: programs and the Pyth fixture)"
  exit 0
fi
anchor build
# Test-only programs, outside the root Anchor workspace (so `anchor deploy`
# ships only node_staking and rental_escrow): the toolchain probe (its own
# Anchor.toml, for its IDL) and the Pyth stand-in fixture (not Anchor).
(cd programs/sbf-probe && cargo-build-sbf --sbf-out-dir ../../target/deploy &&
  anchor idl build -o ../../target/idl/sbf_probe.json -t ../../target/types/sbf_probe.ts)
cargo-build-sbf --manifest-path tests/fixtures/pyth-oracle-fixture/Cargo.toml --sbf-out-dir target/deploy
for so in target/deploy/*.so; do
  printf '  %-28s %8d bytes\n' "$(basename "$so")" "$(stat -c %s "$so")"
done

step "test addon (tools/fpu-reset)"
mkdir -p target/native
src=tools/fpu-reset/fpu_reset.c
if [ ! -f target/native/fpu_reset.node ] || [ "$src" -nt target/native/fpu_reset.node ]; then
  gcc -shared -fPIC -O2 -I node_modules/node-api-headers/include "$src" -o target/native/fpu_reset.node
fi
step "build done"
