#!/bin/sh
# slim-app.sh JAVA [OPTION...]: readies /app (the server's jars in /app/lib, its model in $MODEL_DIR) for an empty
# base, running JAVA with OPTIONs: other platforms' natives stripped from the jars and ONNX Runtime's own unpacked
# into /app/native (nothing to unpack at start); the model saved with its graph optimised (nothing to optimise at
# start); the jars a warm-up never loads removed; /app/classpath.args written for what stays. v5 and v6 share it.
set -eu
java=$1; shift
sh /build/strip-natives.sh /app/lib linux-x64
mkdir -p /app/native /tmp/ort
(cd /tmp/ort && jar xf /app/lib/onnxruntime-*.jar ai/onnxruntime/native/linux-x64 \
  && mv ai/onnxruntime/native/linux-x64/* /app/native/)
sh /build/strip-natives.sh /app/lib none
cd /app
"$java" "$@" -Donnxruntime.native.path=/app/native -cp "/app/lib/*" dev.servescope.inference.server.ServerMain \
  --optimize-model
classpath() {
  printf -- '-cp %s\n' "$(ls /app/lib/*.jar | sort | tr '\n' ':' | sed 's/:$//')" > /app/classpath.args
}
classpath
"$java" -Xshare:off -Xlog:class+load=info:file=/tmp/loaded.log "$@" -Donnxruntime.native.path=/app/native \
  @/app/classpath.args dev.servescope.inference.server.ServerMain --warm-up-and-exit
sh /build/keep-loaded-jars.sh /tmp/loaded.log /app/lib
classpath
