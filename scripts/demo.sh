#!/usr/bin/env bash
# README command 1: build (installing what is missing), then a running local
# deployment of both programs, initialised, with a summary of what exists.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"
"$REPO/scripts/build.sh" demo
source tools/env.sh
step "local deployment"
npx ts-node -P tsconfig.json scripts/demo.ts
