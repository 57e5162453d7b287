# Shared helpers for scripts/*.sh.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STEP_START=$(date +%s)
step() { printf '\n==> [%4ds] %s\n' "$(( $(date +%s) - STEP_START ))" "$*"; }
die() { echo "error: $*" >&2; exit 1; }
