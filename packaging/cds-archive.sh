#!/usr/bin/env bash
# Makes the class-data-sharing archive of the server jar: pipeline-app/target/pipeline-app.jsa (docs/performance.md,
# "Start-up"). It starts the jar once with -XX:ArchiveClassesAtExit on a throw-away data directory, waits for the
# first answered trigger (so Jersey, HK2, Jackson, Flyway and H2 classes are all loaded), and stops it; the JVM
# writes the archive as it exits. Start the server with -XX:SharedArchiveFile=<that file> to use it; a missing
# or stale archive (another JDK, another jar) is ignored by the JVM, never an error.
# The build runs it in pipeline-app's package phase with --if-possible: where it cannot make the archive (no curl
# or python3, no free port, the server did not answer) it warns and exits 0, and the server starts without one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --if-possible ]; then
    shift
    "$0" "$@" || echo "cds-archive: WARNING: no class-data-sharing archive made; the server starts without it, only slower" >&2
    exit 0
fi
JAR=${1:-pipeline-app/target/pipeline-app.jar}
ARCHIVE=${2:-${JAR%.jar}.jsa}
DATA=$(mktemp -d /tmp/pipeline-cds.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$ARCHIVE"
PIPELINE_ENABLED=true HOST=127.0.0.1 PORT=$PORT PIPELINE_RUNNER=process PIPELINE_DATA_DIR="$DATA" \
    PIPELINE_INGESTER_COMMAND=true PIPELINE_DBT_COMMAND=true \
    java -XX:+UseSerialGC -Xmx256m -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" >"$DATA/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -d '{"pipeline":"ingester"}' "http://127.0.0.1:$PORT/api/data-analytics/pipeline/trigger" || true)
    [ "$code" = 202 ] && break
    sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/data-analytics/pipeline/trigger?output=false" || true
kill -TERM $pid
wait $pid || true
[ -s "$ARCHIVE" ] || { echo "cds-archive: no archive was written; see $DATA/server.log" >&2; exit 1; }
echo "wrote $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
