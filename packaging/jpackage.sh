#!/usr/bin/env bash
# Packages ServeScope with jpackage: an app image in target/dist/servescope/, and a .deb next to it when
# fakeroot and dpkg-deb are present (Debian: apt-get install -y fakeroot).
#   packaging/jpackage.sh
# The package carries its own Java runtime (JDK modules only, made by jlink; JavaFX stays on the class path) and a
# copy of what the Build view needs: the Dockerfiles and the server's jars, under $APPDIR/home.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v jpackage > /dev/null || { echo "jpackage is missing: it ships with the full JDK (openjdk-17-jdk)" >&2; exit 1; }

mvn -q -B -DskipTests package
# The first <version> in the parent POM is the project's; jpackage wants it without -SNAPSHOT.
VERSION=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1 | sed 's/-SNAPSHOT//')
STAGE="$ROOT/target/jpackage"
rm -rf "$STAGE" "$ROOT/target/dist"
HOME_DIR="$STAGE/input/home"
mkdir -p "$STAGE/input" "$HOME_DIR/inference/target" "$HOME_DIR/app/target" "$ROOT/target/dist"

cp app/target/lib/*.jar "$STAGE/input/"
(cd app/target/classes && jar cf "$STAGE/input/servescope-app.jar" .)
# The same layout as a checkout under $APPDIR/home, so that ProjectLayout finds the Dockerfiles and the server's
# jars; v1's "every jar of the app" is the app's own folder.
cp -r dockerfiles pom.xml "$HOME_DIR/"
cp -r inference/target/server-lib inference/target/servescope-inference-*.jar "$HOME_DIR/inference/target/"
ln -s ../../.. "$HOME_DIR/app/target/lib"

MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,\
jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.jsobject,jdk.xml.dom,jdk.zipfs
COMMON=(--name servescope --app-version "$VERSION" --vendor ServeScope
  --input "$STAGE/input" --main-jar servescope-app.jar --main-class dev.servescope.app.Main
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-header-files --no-man-pages"
  --java-options "-Dservescope.home=\$APPDIR/home")

jpackage --type app-image --dest "$ROOT/target/dist" "${COMMON[@]}"
echo "app image: $ROOT/target/dist/servescope ($(du -sh "$ROOT/target/dist/servescope" | cut -f1))"

if command -v fakeroot > /dev/null && command -v dpkg-deb > /dev/null; then
  jpackage --type deb --dest "$ROOT/target/dist" --linux-package-deps libgtk-3-0 --linux-shortcut "${COMMON[@]}"
  ls -la "$ROOT/target/dist"/*.deb
else
  echo "no .deb: fakeroot or dpkg-deb is missing (apt-get install -y fakeroot)"
fi
