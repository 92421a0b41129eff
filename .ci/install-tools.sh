#!/usr/bin/env bash
# Installs the Debian tools some tests drive for real, when missing: systemd-analyze (the shipped unit is
# verified by systemd itself), chromium and chromium-driver (the console's browser tests) and promtool (the
# shipped Prometheus rules are checked by Prometheus's own tool) and nginx (the load balancer in front of three
# replicas, as docs/operations.md configures it; its service is not started: the test runs its own). Idempotent; needs root (CI and sessions run as root).
set -euo pipefail

log() { echo "install-tools: $*" >&2; }

missing=()
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
log "ready: $(systemd-analyze --version | head -n 1); $(chromium --version 2>/dev/null); $(chromedriver --version 2>/dev/null); $(promtool --version 2>&1 | head -n 1); $(/usr/sbin/nginx -v 2>&1)"
