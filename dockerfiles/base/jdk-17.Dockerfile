# Local stand-in for eclipse-temurin:17-jdk: Debian's OpenJDK 17 JDK (headless, with jlink) on a minimal Debian.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless binutils \
 && rm -rf /var/lib/apt/lists/*
