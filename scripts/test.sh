#!/usr/bin/env bash
# README command 2: build everything (installing what is missing), then run the
# whole ts-mocha suite against the real SBF programs, on LiteSVM and on a
# solana-test-validator started (and stopped) for the run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

"$REPO/scripts/build.sh"

source tools/env.sh
step "IDL freshness: app/src/idl (what the SDK ships) equals the fresh build"
npx ts-node -P tsconfig.json scripts/check-idl.ts

step "program and crate unit and property tests (cargo test, host, optimised: profile host-test)"
mkdir -p target
if cargo test --profile host-test -p node-staking -p rental-escrow -p pda-bump -p upgrade-authority -p sbf-heap \
  > target/cargo-test.log 2>&1; then
  grep -E "^test result" target/cargo-test.log
else
  tail -n 40 target/cargo-test.log
  die "cargo test failed (full log: target/cargo-test.log)"
fi

step "SBF runtime helpers (sbf_rt.ll compiled for the host) against Rust's u128 (tools/sbf/rt-test)"
if CARGO_TARGET_DIR=target/rt-test cargo test --release --manifest-path tools/sbf/rt-test/Cargo.toml -- --nocapture > target/rt-test.log 2>&1; then
  grep -E "^udivmod128:|^test result: ok. [1-9]" target/rt-test.log
else
  tail -n 40 target/rt-test.log
  die "runtime helper test failed (full log: target/rt-test.log)"
fi

step "sbf-elf: link-time relocation rewriting (tools/sbf/elf unit tests; built where setup builds it)"
if env LLVM_SYS_221_PREFIX=/usr/lib/llvm-22 LLVM_PREFIX=/usr/lib/llvm-22 \
  CARGO_TARGET_DIR="$SBF_HOME/cargo-target" cargo test --release --locked \
  --manifest-path tools/sbf/elf/Cargo.toml --bin sbf-elf > target/sbf-elf-test.log 2>&1; then
  grep -E "^test result" target/sbf-elf-test.log
else
  tail -n 40 target/sbf-elf-test.log
  die "sbf-elf unit tests failed (full log: target/sbf-elf-test.log)"
fi

step "error coverage: every reachable error is asserted by a test"
npx ts-node -P tsconfig.json scripts/error-coverage.ts

step "invariant fuzzer: ${FUZZ_RUNS:-300} random market sequences on LiteSVM (tests/fuzz)"
FUZZ_RUNS="${FUZZ_RUNS:-300}" FUZZ_SEED="${FUZZ_SEED:-2026}" npx ts-node -P tsconfig.json tests/fuzz/run.ts

step "TypeScript types: tsc --noEmit (SDK, CLI, tests, scripts, migrations)"
npx tsc --noEmit -p tsconfig.json

step "tests on LiteSVM and on solana-test-validator"
# Types were just checked, so the suites' ts-node only transpiles.
GPU_DEPIN_TYPES_CHECKED=1 npx ts-node -P tsconfig.json scripts/run-tests.ts "$@"
step "all tests passed"
