# Local stand-in for eclipse-temurin:17-jre: Debian's OpenJDK 17 JRE (headless) on a minimal Debian.
# ServeScope builds it only when the public image is absent and cannot be pulled.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
