#!/usr/bin/env bash
# README command 2: build everything (installing what is missing), then run the
# whole ts-mocha suite against the real SBF programs on LiteSVM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

"$REPO/scripts/build.sh"

step "tests on LiteSVM (in-process Solana runtime)"
npx ts-mocha -p ./tsconfig.json -t 120000 'tests/**/*.test.ts'
step "all tests passed"
