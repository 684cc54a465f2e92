# Local stand-in for python:3.11-bookworm, the full Python image: Debian's Python 3.11 with pip, venv, its headers
# and the compilers and tools the full image carries (build-essential, git, curl). ServeScope builds it only when the
# public image is absent and cannot be pulled.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y python3 python3-pip python3-venv python3-dev build-essential git curl wget \
 && rm -rf /var/lib/apt/lists/*
