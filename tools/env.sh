# Source this file to use the project's toolchain in your shell:
#   source tools/env.sh && anchor build
# It puts the cached tools (cargo-build-sbf, sbf-ld, anchor, ...) on PATH.
SBF_HOME=${SBF_HOME:-${GPU_DEPIN_TOOLS:-$HOME/.cache/gpu-depin}}
export SBF_HOME
case ":$PATH:" in *":$SBF_HOME/bin:"*) ;; *) export PATH="$SBF_HOME/bin:$PATH" ;; esac
# anchor's IDL step runs `cargo +$RUSTUP_TOOLCHAIN test ...` (default +nightly,
# which these machines may not have): use the rustup toolchain that is active.
if [ -z "${RUSTUP_TOOLCHAIN:-}" ] && command -v rustup >/dev/null 2>&1; then
  RUSTUP_TOOLCHAIN=$(rustup show active-toolchain 2>/dev/null | awk '{print $1}')
  export RUSTUP_TOOLCHAIN
fi
# anchor-syn 0.32.1's IDL code calls proc-macro2's nightly-only span API;
# RUSTC_BOOTSTRAP=1 lets the stable compiler build it (the programs
# themselves are built by Debian's rustc, which needs it for build-std anyway).
export RUSTC_BOOTSTRAP=1
