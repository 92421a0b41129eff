#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the Docker integration tests (*IT).
# Idempotent: installs docker.io and busybox-static only when missing, starts dockerd only when
# `docker info` does not answer, then waits up to 60 s for it. Needs root (CI and sessions run as root).
set -euo pipefail

log() { echo "start-docker: $*" >&2; }

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if docker info >/dev/null 2>&1; then
    log "engine already answers"
    exit 0
fi

log "starting dockerd (log: /tmp/dockerd.log)"
# setsid: the engine must outlive this script and the shell that called it
setsid dockerd >/tmp/dockerd.log 2>&1 < /dev/null &

for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        log "engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')"
        exit 0
    fi
    sleep 1
done
log "dockerd did not answer within 60 s; last lines of /tmp/dockerd.log:"
tail -n 30 /tmp/dockerd.log >&2 || true
exit 1
