# Local stand-in for maven:3-eclipse-temurin-17: a full JDK and Maven, the "build everything in the image" base.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y openjdk-17-jdk maven \
 && rm -rf /var/lib/apt/lists/*
