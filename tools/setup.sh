#!/usr/bin/env bash
# tools/setup.sh [sbf|anchor|node|all]
#
# Installs what this repository needs, idempotently, caching everything outside
# the repo in $SBF_HOME (default ~/.cache/gpu-depin):
#   apt     Debian packages: rustc-web 1.96 + rust-web-src, llvm-22(-dev), g++, ...
#   sbf     the SBF toolchain: patched std sysroot, LLVM pass plugin, runtime
#           helpers, sbf-elf, and the `cargo-build-sbf` / `sbf-ld` commands
#   anchor  anchor-cli 0.32.1 (built from crates.io unless already on PATH)
#   validator  solana-test-validator (agave 3.1.12 from crates.io, unless a
#           3.1.x one is already on PATH)
#   solana-cli the `solana` CLI 3.1.12, which only `anchor test` / `anchor
#           deploy` need (not part of `all`: it adds ~12 min to a cold setup)
#   node    npm install from package-lock.json (when it changed)
# Each step is skipped when its inputs (sources, versions) are unchanged; a
# stamp file with the inputs' hash records what was built.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SBF_HOME=${SBF_HOME:-${GPU_DEPIN_TOOLS:-$HOME/.cache/gpu-depin}}
SBF_DIR="$SBF_HOME/sbf"
BIN="$SBF_HOME/bin"
LOGS="$SBF_HOME/logs"
LLVM_PREFIX=/usr/lib/llvm-22
TARGET_NAME=bpfel-solana-solana
ANCHOR_VERSION=0.32.1
AGAVE_VERSION=3.1.12
export CARGO_TARGET_DIR_TOOLS="$SBF_HOME/cargo-target"
mkdir -p "$BIN" "$SBF_DIR" "$LOGS"

START=$(date +%s)
say() { printf '[setup %4ds] %s\n' "$(( $(date +%s) - START ))" "$*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

# Runs a long command with its output in a log; prints the tail on failure.
run_logged() {
  local name=$1; shift
  local log="$LOGS/$name.log"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "$name failed; full log: $log"
  fi
}

hash_of() { cat "$@" | sha256sum | cut -c1-16; }
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# ------------------------------------------------------------------ apt
APT_PACKAGES=(rustc-web cargo-web rust-web-src llvm-22 llvm-22-dev g++ make patch
  pkg-config libssl-dev libudev-dev zlib1g-dev python3)

setup_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "apt: all packages present"; return; fi
  say "apt: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  run_logged apt-update $sudo apt-get update
  run_logged apt-install env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  local v; v=$(/usr/bin/rustc -vV)
  case "$v" in *"release: 1.96"*) ;; *) die "Debian rustc-web 1.96 expected at /usr/bin/rustc" ;; esac
}

# ------------------------------------------------------------------ sbf
setup_sbf() {
  local src="$REPO/tools/sbf"
  local rustc_v; rustc_v=$(/usr/bin/rustc -vV)

  # Commands (copied, so the cache does not depend on where this clone lives).
  install -m 0755 "$src/bin/cargo-build-sbf" "$BIN/cargo-build-sbf"
  install -m 0755 "$src/bin/sbf-ld" "$BIN/sbf-ld"
  install -m 0644 "$src/target-spec/$TARGET_NAME.json" "$SBF_DIR/$TARGET_NAME.json"

  local h
  h=$(hash_of "$src/legalize/sbf_rt.ll" <(echo "$rustc_v"))
  if ! stamp_ok "$SBF_DIR/sbf_rt.stamp" "$h"; then
    say "sbf: assembling runtime helpers (sbf_rt.ll)"
    "$LLVM_PREFIX/bin/llvm-as" "$src/legalize/sbf_rt.ll" -o "$SBF_DIR/sbf_rt.bc"
    echo "$h" > "$SBF_DIR/sbf_rt.stamp"
  fi

  h=$(hash_of "$src/legalize/SbfLegalize.cpp" <("$LLVM_PREFIX/bin/llvm-config" --version))
  if ! stamp_ok "$SBF_DIR/legalize.stamp" "$h"; then
    say "sbf: compiling the LLVM legalization pass (~15 s)"
    # shellcheck disable=SC2046
    run_logged legalize-plugin g++ -shared -fPIC -O2 -fno-rtti \
      $("$LLVM_PREFIX/bin/llvm-config" --cxxflags) \
      "$src/legalize/SbfLegalize.cpp" -o "$SBF_DIR/libSbfLegalize.so"
    echo "$h" > "$SBF_DIR/legalize.stamp"
  fi

  h=$(hash_of "$src/elf/Cargo.toml" "$src/elf/Cargo.lock" "$src/elf/src/"*.rs)
  if ! stamp_ok "$SBF_DIR/sbf-elf.stamp" "$h" || [ ! -x "$BIN/sbf-elf" ]; then
    say "sbf: building sbf-elf (sbpf-linker 0.2.6 on LLVM 22; ~3 min cold)"
    run_logged sbf-elf env LLVM_SYS_221_PREFIX="$LLVM_PREFIX" LLVM_PREFIX="$LLVM_PREFIX" \
      CARGO_TARGET_DIR="$CARGO_TARGET_DIR_TOOLS" \
      cargo install --locked --force --path "$src/elf" --root "$SBF_HOME"
    echo "$h" > "$SBF_DIR/sbf-elf.stamp"
  fi

  h=$(hash_of "$src/std/solana-std.patch" "$src/target-spec/$TARGET_NAME.json" <(echo "$rustc_v"))
  if ! stamp_ok "$SBF_DIR/sysroot.stamp" "$h"; then
    say "sbf: building the patched std sysroot for $TARGET_NAME (~2 min)"
    build_sysroot
    echo "$h" > "$SBF_DIR/sysroot.stamp"
  fi
  say "sbf: toolchain ready ($BIN/cargo-build-sbf)"
}

build_sysroot() {
  local work="$SBF_DIR/sysroot-build"
  rm -rf "$work" "$SBF_DIR/sysroot"
  mkdir -p "$work/src" "$work/crate"
  # A copy of Debian's library sources (std's dependencies are vendored in
  # them), patched for target_os = "solana".
  cp -a /usr/lib/rustlib/src/rust/library "$work/src/"
  (cd "$work/src/library" && patch -p1 --quiet < "$REPO/tools/sbf/std/solana-std.patch") ||
    die "the std patch no longer applies to /usr/lib/rustlib/src/rust/library"
  local lib="$work/src/library"
  cat > "$work/crate/Cargo.toml" <<EOF
[package]
name = "sbf-sysroot"
version = "0.0.0"
edition = "2021"
[lib]
path = "lib.rs"
[dependencies]
std = { path = "$lib/std", features = ["compiler-builtins-mem"] }
[patch.crates-io]
rustc-std-workspace-core = { path = "$lib/rustc-std-workspace-core" }
rustc-std-workspace-alloc = { path = "$lib/rustc-std-workspace-alloc" }
rustc-std-workspace-std = { path = "$lib/rustc-std-workspace-std" }
[profile.release]
codegen-units = 1
EOF
  echo '#![no_std]' > "$work/crate/lib.rs"
  mkdir -p "$work/crate/.cargo"
  printf '[source.crates-io]\nreplace-with = "vendored"\n[source.vendored]\ndirectory = "%s/vendor"\n' "$lib" \
    > "$work/crate/.cargo/config.toml"
  # std's crate-type includes dylib; nothing links it, so its "linker" only
  # has to produce the file.
  printf '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = -o ] && : > "$2"; shift; done\n' > "$work/no-link"
  chmod +x "$work/no-link"
  (cd "$work/crate" && run_logged sysroot env RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-Zforce-unstable-if-unmarked -Zunstable-options -Cpanic=immediate-abort -Clinker=$work/no-link" \
    CARGO_TARGET_DIR="$work/target" \
    /usr/bin/cargo build --offline --release -p std \
      --target "$SBF_DIR/$TARGET_NAME.json" -Zjson-target-spec)
  local dest="$SBF_DIR/sysroot/lib/rustlib/$TARGET_NAME/lib"
  mkdir -p "$dest"
  cp "$work/target/$TARGET_NAME/release/deps/"*.rlib "$dest/"
  rm -rf "$work"
}

# ------------------------------------------------------------------ anchor
setup_anchor() {
  if "$BIN/anchor" --version 2>/dev/null | grep -q "anchor-cli $ANCHOR_VERSION"; then
    say "anchor: anchor-cli $ANCHOR_VERSION present"; return
  fi
  local sys; sys=$(command -v anchor || true)
  if [ -n "$sys" ] && [ "$sys" != "$BIN/anchor" ] && "$sys" --version 2>/dev/null | grep -q "anchor-cli $ANCHOR_VERSION"; then
    ln -sf "$sys" "$BIN/anchor"; say "anchor: using $sys"; return
  fi
  say "anchor: building anchor-cli $ANCHOR_VERSION from crates.io (~6 min cold on 2 cores)"
  run_logged anchor-cli env CARGO_TARGET_DIR="$CARGO_TARGET_DIR_TOOLS" \
    cargo install anchor-cli --version "$ANCHOR_VERSION" --locked --force --root "$SBF_HOME/anchor-$ANCHOR_VERSION"
  ln -sf "$SBF_HOME/anchor-$ANCHOR_VERSION/bin/anchor" "$BIN/anchor"
  say "anchor: $("$BIN/anchor" --version)"
}

# ------------------------------------------------------------------ validator
VALIDATOR_APT=(curl ca-certificates patch libssl-dev libudev-dev pkg-config zlib1g-dev clang cmake make
  libprotobuf-dev protobuf-compiler libclang-dev)

# Tuned for a small CI machine: no debug info, no LTO, opt-level 2.
AGAVE_ENV=(CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_LTO=false
  CARGO_PROFILE_RELEASE_OPT_LEVEL=2 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_INCREMENTAL=0)

# The suites' validator is agave's solana-test-validator from crates.io with
# one patch to solana-core (tools/validator/README.md): an idle leader's
# banking threads block on their channels instead of spinning two cores, so
# several validators share this machine. The crates are fetched from the
# registry and checked against these sha256 sums (the ones in
# agave-validator's own Cargo.lock and crates.io's index).
AGAVE_CRATE_SUMS=(
  "agave-validator e6b4af71849ad280e2362ae7af398f7edf2cc25e9b38760701026ca9ed1dcb9b"
  "solana-core 30ea0e601c92ddfad22d27cfccda2d54e75ccc27e975f30bde05bbe8113006e1"
)
VALIDATOR_PATCH="$REPO/tools/validator/solana-core-idle-backoff.patch"

# fetch_crate NAME VERSION SHA256 DIR: the .crate from cargo's cache or
# static.crates.io, checked, unpacked into DIR.
fetch_crate() {
  local name=$1 ver=$2 sum=$3 dir=$4 file="$4/$1-$2.crate" cached
  cached=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$ver.crate" 2>/dev/null | head -n 1 || true)
  if [ -n "$cached" ]; then cp "$cached" "$file"
  else curl -sSfL --retry 3 -o "$file" "https://static.crates.io/crates/$name/$name-$ver.crate" ||
    die "could not download $name $ver from static.crates.io"; fi
  echo "$sum  $file" | sha256sum -c --quiet - || die "$name-$ver.crate does not match its sha256 $sum"
  tar xzf "$file" -C "$dir"
}

setup_validator() {
  local want="$AGAVE_VERSION" tag root src
  tag="$want-idle-$(hash_of "$VALIDATOR_PATCH" | cut -c1-8)"
  root="$SBF_HOME/agave-$tag"
  if "$root/bin/solana-test-validator" --version 2>/dev/null | grep -q " $want "; then
    ln -sf "$root/bin/solana-test-validator" "$BIN/solana-test-validator"
    say "validator: solana-test-validator $want (patched, $tag) present"; return
  fi
  # Users with the Solana tool suite installed (3.1.x, which still deploys
  # SBPF v0) use theirs: stock, so the suite runs it on fewer shards.
  # (Looked up without $BIN, where tools/env.sh puts the link made last time.)
  local tv; tv=$(PATH=$(tr : '\n' <<<"$PATH" | grep -vxF "$BIN" | paste -sd:) command -v solana-test-validator || true)
  if [ -n "$tv" ] && "$tv" --version 2>/dev/null | grep -q " 3\.1\."; then
    ln -sf "$tv" "$BIN/solana-test-validator"; say "validator: using $tv (stock agave)"; return
  fi
  APT_PACKAGES=("${VALIDATOR_APT[@]}"); setup_apt
  src="$SBF_HOME/agave-src-$tag"
  rm -rf "$SBF_HOME"/agave-src-*; mkdir -p "$src"
  local entry
  for entry in "${AGAVE_CRATE_SUMS[@]}"; do
    set -- $entry; fetch_crate "$1" "$want" "$2" "$src"
  done
  (cd "$src/solana-core-$want" && patch -s -p1 < "$VALIDATOR_PATCH") || die "the validator patch does not apply"
  # Point agave-validator at the patched solana-core; its lock entry loses
  # only the registry source and checksum (every other version stays pinned).
  printf '\n[patch.crates-io]\nsolana-core = { path = "../solana-core-%s" }\n' "$want" \
    >> "$src/agave-validator-$want/Cargo.toml"
  awk '/^name = "solana-core"$/ {core=1} core && /^(source|checksum) = / {next} /^$/ {core=0} {print}' \
    "$src/agave-validator-$want/Cargo.lock" > "$src/Cargo.lock" &&
    mv "$src/Cargo.lock" "$src/agave-validator-$want/Cargo.lock" || die "could not edit agave-validator's Cargo.lock"
  say "validator: building solana-test-validator $want (patched) from crates.io (the long step, ~21-26 min cold on 2 cores; log $LOGS/agave-validator.log)"
  run_logged agave-validator env -u RUSTC_BOOTSTRAP CARGO_TARGET_DIR="$CARGO_TARGET_DIR_TOOLS" "${AGAVE_ENV[@]}" \
    cargo install --path "$src/agave-validator-$want" --locked --force --bin solana-test-validator --root "$root"
  ln -sf "$root/bin/solana-test-validator" "$BIN/solana-test-validator"
  # Builds of an older patch, and the sources, are not needed any more.
  local old
  for old in "$SBF_HOME"/agave-*-idle-*; do [ "$old" = "$root" ] || rm -rf "$old"; done
  say "validator: $("$BIN/solana-test-validator" --version) (patched, $tag)"
}

setup_solana_cli() {
  local want="$AGAVE_VERSION"
  if "$BIN/solana" --version 2>/dev/null | grep -q " $want "; then
    say "solana-cli: solana $want present"; return
  fi
  local cli; cli=$(command -v solana || true)
  if [ -n "$cli" ] && [ "$cli" != "$BIN/solana" ] && "$cli" --version 2>/dev/null | grep -q " 3\.1\."; then
    ln -sf "$cli" "$BIN/solana"; say "solana-cli: using $cli"; return
  fi
  APT_PACKAGES=("${VALIDATOR_APT[@]}"); setup_apt
  local root="$SBF_HOME/agave-$want"
  say "solana-cli: building the solana CLI $want (shares the validator's build cache; log $LOGS/solana-cli.log)"
  run_logged solana-cli env -u RUSTC_BOOTSTRAP CARGO_TARGET_DIR="$CARGO_TARGET_DIR_TOOLS" "${AGAVE_ENV[@]}" \
    cargo install solana-cli --version "$want" --locked --force --bin solana --root "$root"
  ln -sf "$root/bin/solana" "$BIN/solana"
  say "solana-cli: $("$BIN/solana" --version)"
}

# ------------------------------------------------------------------ node
setup_node() {
  command -v node >/dev/null || die "node (>= 20) is required"
  local h; h=$(hash_of "$REPO/package-lock.json" <(node --version))
  if stamp_ok "$REPO/node_modules/.setup-stamp" "$h"; then say "node: node_modules up to date"; return; fi
  # `npm install` with the committed lock, not `npm ci`: npm 11 rejects this
  # lock in `ci` because litesvm's optional per-platform packages for other
  # platforms are not in it ("Missing: litesvm-darwin-arm64@").
  say "node: npm install (package-lock.json)"
  (cd "$REPO" && run_logged npm-install npm install --no-audit --no-fund)
  echo "$h" > "$REPO/node_modules/.setup-stamp"
}

what=${1:-all}
case "$what" in
  apt) setup_apt ;;
  validator) setup_validator ;;
  solana-cli) setup_solana_cli ;;
  sbf) setup_apt; setup_sbf ;;
  anchor) setup_apt; setup_anchor ;;
  node) setup_node ;;
  all) setup_apt; setup_sbf; setup_anchor; setup_validator; setup_node ;;
  *) die "unknown step '$what' (apt|sbf|anchor|validator|solana-cli|node|all)" ;;
esac
say "done ($what)"
