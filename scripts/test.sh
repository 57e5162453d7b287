#!/usr/bin/env bash
# README command 2: build everything (installing what is missing), then run the
# whole ts-mocha suite against the real SBF programs, on LiteSVM and on a
# solana-test-validator started (and stopped) for the run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

"$REPO/scripts/build.sh"

source tools/env.sh
step "program unit and property tests (cargo test, host)"
mkdir -p target
if cargo test -p node-staking -p rental-escrow > target/cargo-test.log 2>&1; then
  grep -E "^test result" target/cargo-test.log
else
  tail -n 40 target/cargo-test.log
  die "cargo test failed (full log: target/cargo-test.log)"
fi

step "error coverage: every reachable error is asserted by a test"
npx ts-node -P tsconfig.json scripts/error-coverage.ts

step "tests on LiteSVM and on solana-test-validator"
npx ts-node -P tsconfig.json scripts/run-tests.ts "$@"
step "all tests passed"
