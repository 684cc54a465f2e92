#!/bin/sh
# strip-natives.sh LIBDIR KEEP...: removes from every jar in LIBDIR the native libraries of platforms other than
# the KEEP ones (ONNX Runtime: ai/onnxruntime/native/<platform>/, DJL tokenizers: native/lib/<platform>/).
# Uses only the JDK's jar tool, so it runs in any JDK image.
set -eu
libdir=$1; shift
for jar in "$libdir"/*.jar; do
  entries=$(jar tf "$jar" | grep -E '^(ai/onnxruntime/native|native/lib)/[^/]+/$' || true)
  [ -n "$entries" ] || continue
  work=$(mktemp -d)
  (cd "$work" && jar xf "$jar")
  for dir in $entries; do
    platform=$(basename "$dir")
    keep=no
    for k in "$@"; do [ "$platform" = "$k" ] && keep=yes; done
    [ "$keep" = yes ] || rm -rf "${work:?}/$dir"
  done
  before=$(du -k "$jar" | cut -f1)
  rm -f "$jar"
  if [ -f "$work/META-INF/MANIFEST.MF" ]; then
    mv "$work/META-INF/MANIFEST.MF" "$work.mf"
    jar cfm "$jar" "$work.mf" -C "$work" .
    rm -f "$work.mf"
  else
    jar cf "$jar" -C "$work" .
  fi
  rm -rf "$work"
  echo "stripped $(basename "$jar"): ${before} KB -> $(du -k "$jar" | cut -f1) KB"
done
