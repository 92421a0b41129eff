#!/usr/bin/env bash
# Builds the server's container image from the jar the Maven build made, with no registry involved:
#   packaging/docker/build-image.sh [TAG]      (default tag: pipeline-trigger:local)
# 1. jlink a Java runtime holding only the modules the server uses, from the JDK that builds it;
# 2. copy every shared library that runtime links against (ldd), with the dynamic loader, into rootfs/;
# 3. `docker build` the Dockerfile beside this script (FROM scratch) on that context.
set -euo pipefail

tag="${1:-pipeline-trigger:local}"
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
jar="$top/pipeline-app/target/pipeline-app.jar"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
# What jdeps reports for the server's jar (java.compiler, jdk.jdi and friends come from unused optional
# code paths of dependencies and are left out), plus the zip file system and elliptic-curve TLS.
modules="java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,\
java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.net,jdk.unsupported,jdk.zipfs"

log() { echo "build-image: $*" >&2; }

[ -f "$jar" ] || { log "no $jar: build it first (./mvnw -DskipTests package)"; exit 1; }

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
rootfs="$context/rootfs"
mkdir -p "$rootfs/opt/pipeline-trigger" "$rootfs/etc" "$context/data" "$context/tmp"

log "jlink runtime ($java_home)"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$rootfs/opt/pipeline-trigger/runtime"
# class-data sharing for the runtime's own classes: a faster start
"$rootfs/opt/pipeline-trigger/runtime/bin/java" -Xshare:dump >/dev/null 2>&1 || true
cp "$jar" "$rootfs/opt/pipeline-trigger/pipeline-app.jar"

log "shared libraries"
libraries() {
    find "$rootfs/opt/pipeline-trigger/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
        | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}'
    # name-service modules glibc loads at run time to read /etc/passwd and /etc/hosts
    ls /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 2>/dev/null || true
}
for library in $(libraries | sort -u); do
    mkdir -p "$rootfs$(dirname "$library")"
    cp -L "$library" "$rootfs$library"
done
# the loader's usual names, whichever the binaries asked for
for loader in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2; do
    [ -e "$loader" ] && { mkdir -p "$rootfs$(dirname "$loader")"; cp -L "$loader" "$rootfs$loader"; }
done

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
pipeline:x:10001:10001:pipeline-trigger:/data:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
pipeline:x:10001:
GROUP
echo 'hosts: files dns' > "$rootfs/etc/nsswitch.conf"

cp "$here/Dockerfile" "$context/Dockerfile"
log "docker build -t $tag"
DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$context" >&2
log "built $tag"
