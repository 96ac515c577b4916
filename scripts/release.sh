#!/usr/bin/env bash
# Release archives of assay: the binary (everything it needs is inside it) with the README, the
# guides and the licences, one archive per target, and their SHA-256 sums.
#
#   scripts/release.sh [--smoke] [TARGET...]
#
# TARGET is a Rust target triple; without one, the archive of the machine's own platform is built
# (Linux: x86_64-unknown-linux-musl, a static binary; macOS: the host's apple-darwin target;
# Windows under Git Bash: x86_64-pc-windows-msvc). Archives:
#   x86_64-pc-windows-msvc / -gnu  -> dist/assay-VERSION-windows-x86_64.zip (assay.exe)
#   aarch64-apple-darwin           -> dist/assay-VERSION-macos-arm64.tar.gz
#   x86_64-apple-darwin            -> dist/assay-VERSION-macos-x86_64.tar.gz
#   x86_64-unknown-linux-musl      -> dist/assay-VERSION-linux-x86_64.tar.gz
# --smoke unpacks each archive and runs the binary alone in an empty folder (demo, templates,
# a rubric written and checked); a Windows build on Linux runs under wine when wine64 is there.
# macOS binaries link only on macOS (Apple's SDK): .github/workflows/release.yml builds them.
#
# Cross builds on Debian/Ubuntu: `rustup target add x86_64-pc-windows-gnu
# x86_64-unknown-linux-musl` and `apt-get install gcc-mingw-w64-x86-64 musl-tools` (wine64 for
# the Windows smoke test). DIST=dir changes the output folder; CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
dist=${DIST:-dist}
tdir=${CARGO_TARGET_DIR:-target}
smoke=0
targets=()
for a in "$@"; do
  case $a in
    --smoke) smoke=1 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $a (see --help)" >&2; exit 2 ;;
    *) targets+=("$a") ;;
  esac
done

host_target() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo x86_64-unknown-linux-musl ;;
    Darwin-arm64) echo aarch64-apple-darwin ;;
    Darwin-x86_64) echo x86_64-apple-darwin ;;
    MINGW* | MSYS* | CYGWIN*) echo x86_64-pc-windows-msvc ;;
    *) rustc -vV | sed -n 's/^host: //p' ;;
  esac
}
[ ${#targets[@]} -gt 0 ] || targets=("$(host_target)")

label() {
  case $1 in
    x86_64-pc-windows-*) echo windows-x86_64 ;;
    aarch64-apple-darwin) echo macos-arm64 ;;
    x86_64-apple-darwin) echo macos-x86_64 ;;
    x86_64-unknown-linux-musl) echo linux-x86_64 ;;
    *) echo "$1" ;;
  esac
}

python=$(command -v python3 || command -v python || true)

build() { # target
  local t=$1
  if [ "$t" = x86_64-pc-windows-gnu ] && [ -z "${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-}" ]; then
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
  fi
  # No debug information and stripped symbols: the archive holds what a user runs.
  CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=symbols \
    cargo build --release --locked --target "$t"
}

package() { # target -> prints the archive path
  local t=$1 name exe dir archive
  name="assay-$version-$(label "$t")"
  exe=assay
  case $t in *windows*) exe=assay.exe ;; esac
  dir="$dist/$name"
  rm -rf "$dir"
  mkdir -p "$dir/docs"
  cp "$tdir/$t/release/$exe" "$dir/$exe"
  cp README.md LICENSE-MIT LICENSE-APACHE "$dir/"
  cp docs/*.md "$dir/docs/"
  case $t in
    *windows*)
      archive="$dist/$name.zip"
      rm -f "$archive"
      if [ -n "$python" ]; then
        (cd "$dist" && "$python" -m zipfile -c "$name.zip" "$name")
      else
        (cd "$dist" && zip -qr "$name.zip" "$name")
      fi ;;
    *)
      archive="$dist/$name.tar.gz"
      tar -C "$dist" -czf "$archive" "$name" ;;
  esac
  echo "$archive"
}

# A DLL that gives wine 8 the ProcessPrng export of Windows 10+, which Rust's standard library
# imports; only for running the smoke test under wine, never shipped.
wine_shim() { # dir
  cat >"$1/shim.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$1/bcryptprimitives.dll" "$1/shim.c" -ladvapi32 -Wl,--kill-at
  rm -f "$1/shim.c"
}

smoke_test() { # target archive
  local t=$1 archive=$2 work run exe
  work=$(mktemp -d)
  case $archive in
    *.zip) "$python" -m zipfile -e "$archive" "$work" ;;
    *) tar -C "$work" -xzf "$archive" ;;
  esac
  mkdir "$work/alone" "$work/home"
  exe=assay
  run=()
  case $t in
    *windows*)
      exe=assay.exe
      if [ "$(host_target)" != x86_64-pc-windows-msvc ]; then
        local wine=${WINE:-$(command -v wine64 || ls /usr/lib/wine/wine64 2>/dev/null || true)}
        [ -n "$wine" ] || { echo "smoke test of $t skipped: no wine64 here"; rm -rf "$work"; return 0; }
        wine_shim "$work/alone"
        export WINEPREFIX=${WINEPREFIX:-$(cd "$dist" && pwd)/.wine} WINEDEBUG=-all
        run=("$wine")
      fi ;;
    *apple-darwin)
      if [ "$(uname -s)" != Darwin ]; then
        echo "smoke test of $t skipped: macOS binaries run on macOS only"; rm -rf "$work"; return 0
      fi ;;
  esac
  cp "$work"/assay-*/"$exe" "$work/alone/"
  (
    cd "$work/alone"
    export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
    export APPDATA="$work/home" LOCALAPPDATA="$work/home" ASSAY_CONFIG="$work/home/config.ron"
    a() { ${run[@]+"${run[@]}"} "./$exe" "$@"; }
    a --version
    a demo --print --db demo.db >demo.out
    [ -s demo.out ] && [ -f demo.db ] || { echo "demo --print wrote nothing"; exit 1; }
    a rubric templates | grep -q national-inspection
    a rubric new --template national-inspection --out n.ron >/dev/null
    a rubric check n.ron
    a rubric export n.ron --format xlsx --out n.xlsx >/dev/null
    a rubric import n.xlsx --out back.ron >/dev/null
    a rubric check back.ron
  ) || { echo "smoke test of $archive FAILED (files in $work)"; return 1; }
  rm -rf "$work"
  echo "smoke test of $archive: ok"
}

mkdir -p "$dist"
built=()
for t in "${targets[@]}"; do
  echo "== $t"
  build "$t"
  archive=$(package "$t")
  built+=("$archive")
  [ $smoke = 0 ] || smoke_test "$t" "$archive"
done
for a in "${built[@]}"; do
  (
    cd "$(dirname "$a")"
    n=$(basename "$a")
    if command -v sha256sum >/dev/null; then sha256sum "$n"; else shasum -a 256 "$n"; fi >"$n.sha256"
  )
done
printf 'built: %s\n' "${built[@]}"
