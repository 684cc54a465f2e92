#!/bin/sh
# collect-libs.sh ROOTFS FILE...: copies the dynamic loader and every shared library the given binaries need
# (as ldd resolves them) into ROOTFS at the same paths, so the binaries run on an empty base image.
set -eu
rootfs=$1; shift
for f in "$@"; do
  ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true
done | sort -u | while read -r lib; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
