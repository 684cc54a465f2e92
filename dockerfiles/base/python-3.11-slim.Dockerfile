# Local stand-in for python:3.11-slim-bookworm: Debian's Python 3.11 alone on a minimal Debian. ServeScope builds it
# only when the public image is absent and cannot be pulled.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*
