# Local stand-in for node:18-bookworm-slim: Debian's Node.js 18 on a minimal Debian (no npm: images copy
# node_modules prepared on the host). ServeScope builds it only when the public image is absent and cannot be pulled.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs \
 && rm -rf /var/lib/apt/lists/*
