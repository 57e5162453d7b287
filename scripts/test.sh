#!/usr/bin/env bash
# README command 2: build everything (installing what is missing), then run the
# whole ts-mocha suite against the real SBF programs, on LiteSVM and on a
# solana-test-validator started (and stopped) for the run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

"$REPO/scripts/build.sh"

source tools/env.sh
step "tests on LiteSVM and on solana-test-validator"
npx ts-node -P tsconfig.json scripts/run-tests.ts "$@"
step "all tests passed"
