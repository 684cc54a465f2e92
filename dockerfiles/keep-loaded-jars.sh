#!/bin/sh
# keep-loaded-jars.sh CLASS_LOAD_LOG LIBDIR: removes from LIBDIR every jar the JVM loaded no class from, as a run with
# -Xlog:class+load recorded it ("... source: file:/app/lib/x.jar"). Run it on a log of the server's warm-up: what the
# server never loads stays out of the image.
set -eu
log=$1
libdir=$2
for jar in "$libdir"/*.jar; do
  if ! grep -qF "source: file:$jar" "$log"; then
    echo "not loaded, removed: $(basename "$jar") ($(du -k "$jar" | cut -f1) KB)"
    rm -f "$jar"
  fi
done
