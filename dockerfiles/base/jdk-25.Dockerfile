# Local stand-in for eclipse-temurin:25-jdk: the Java 25 JDK found on this machine (Debian 12 packages only Java 17),
# which ServeScope copies into this build context as jdk/, on a minimal Debian. Made only when the public image is
# absent and cannot be pulled.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
COPY jdk/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
