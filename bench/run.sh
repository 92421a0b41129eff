#!/usr/bin/env bash
# End-to-end benchmarks of docs/performance.md, each figure beside its anchor in the same run, printed as ratios.
# Run by hand on a quiet machine (never by ./mvnw verify or .ci/run):  bench/run.sh
# Needs: wrk (as root this script installs Debian's package; else: apt-get install wrk), curl, jq, java 17;
# psql and a PostgreSQL for the 10,000-job rows (.ci/start-postgres.sh sets one up; else those rows are skipped).
# Knobs: DURATION (seconds per load run, 10), WARMUP (seconds of load before the poll rows, 5), ROUNDS (load runs of
# the server and the anchor taking turns for each poll row, the medians compared; 1), START_ROUNDS (starts of each
# kind taken in turns for the start-up rows, the medians compared; 5), JOBS (10000),
# OUTPUT_BYTES (1073741824), JAVA_OPTS (the server's JVM options, default the documented -XX:+UseSerialGC -Xmx256m),
# PG_URL / PG_USER / PG_PASSWORD, BENCH_IMAGE (the
# Docker row's image; by default one built FROM scratch + Debian's busybox-static when missing), ROWS (which groups of
# rows to run, of: startup poll print pg docker; all by default, e.g. ROWS=poll bench/run.sh), SERVER_OPTS (more JVM
# options for the server alone, e.g. a flight recording: SERVER_OPTS=-XX:StartFlightRecording=filename=/tmp/poll.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
JOBS=${JOBS:-10000}
OUTPUT_BYTES=${OUTPUT_BYTES:-1073741824}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}
ROWS=${ROWS:-startup poll print pg docker}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-1}
START_ROUNDS=${START_ROUNDS:-5}
SERVER_OPTS=${SERVER_OPTS:-}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/pipeline_test}
PG_USER=${PG_USER:-pipeline_test}
PG_PASSWORD=${PG_PASSWORD:-pipeline_test}
API=/api/data-analytics/pipeline/trigger
WORK=$(mktemp -d /tmp/pipeline-bench.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else echo "bench: install wrk (apt-get install wrk)" >&2; exit 1; fi
fi
[ -f pipeline-app/target/pipeline-app.jar ] && [ -f pipeline-bench/target/pipeline-bench.jar ] \
    || ./mvnw -q -B -pl pipeline-app,pipeline-bench -am package -DskipTests

ms() { echo $(( $(date +%s%N) / 1000000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
row() { printf '%-44s %14s %14s %8s   %s\n' "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for URL METHOD CODE: polls every 10 ms until URL answers CODE; prints the milliseconds since $2 was taken
wait_for() {
    local url=$1 method=$2 code=$3 started=$4
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' \
            -d '{"pipeline":"ingester"}' "$url" 2>/dev/null)" = "$code" ]; do sleep 0.01; done
    echo $(( $(ms) - started ))
}

# start_server NAME PORT [VAR=VALUE...]: the server jar as documented, on the process runner, in its own data dir
start_server() {
    local name=$1 port=$2; shift 2
    mkdir -p "$WORK/$name"
    env PIPELINE_ENABLED=true HOST=127.0.0.1 PORT="$port" PIPELINE_RUNNER=process PIPELINE_DATA_DIR="$WORK/$name" \
        PIPELINE_INGESTER_COMMAND=true PIPELINE_DBT_COMMAND=true "$@" \
        java $JAVA_OPTS $SERVER_OPTS -jar pipeline-app/target/pipeline-app.jar >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    LAST_PID=$!
}

# load URL CONNECTIONS: "requests/s p99-ms" from one wrk run
load() {
    wrk -t2 -c"$2" -d"${DURATION}s" --latency "$1" | awk '
        /Requests\/sec/ { rps = $2 }
        /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) }
                   else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
        END { printf "%d %.1f\n", rps, p99 }'
}

# load_pair SERVER_URL ANCHOR_URL CONNECTIONS: "server-rps server-p99 anchor-rps anchor-p99", each the median of
# ROUNDS runs taking turns (server, anchor, server, ...), so a load that comes and goes on the machine hits both alike
load_pair() {
    local r
    for r in $(seq "$ROUNDS"); do
        echo "s $(load "$1" "$3")"
        echo "a $(load "$2" "$3")"
    done | awk '
        function median(v, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
                                          return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
        $1 == "s" { sr[++ns] = $2; sp[ns] = $3 } $1 == "a" { ar[++na] = $2; ap[na] = $3 }
        END { printf "%d %.1f %d %.1f\n", median(sr, ns), median(sp, ns), median(ar, na), median(ap, na) }'
}

# median_ms METHOD URL [N] [BODY]: the median of N single requests' total time, in ms
median_ms() {
    local method=$1 url=$2 n=${3:-21} body=${4:-}
    for _ in $(seq "$n"); do
        if [ -n "$body" ]; then curl -s -o /dev/null -w '%{time_total}\n' -X "$method" -H 'Content-Type: application/json' -d "$body" "$url"
        else curl -s -o /dev/null -w '%{time_total}\n' -X "$method" "$url"; fi
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }'
}

wants() { case " $ROWS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
ready() { until curl -sf -o /dev/null "$1/healthz"; do sleep 0.05; done; }

trigger_ms() { # URL: the median time of 5 triggers, each awaited to its end before the next
    local id t
    for _ in 1 2 3 4 5; do
        t=$(curl -s -o "$WORK/trigger.json" -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
            -d '{"pipeline":"ingester"}' "$1$API")
        id=$(jq -r .jobId "$WORK/trigger.json")
        until [ "$(curl -s "$1$API?jobId=$id&output=false" | jq -r .status)" != running ]; do sleep 0.05; done
        echo "$t"
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[3] * 1000 }'
}

finished_job() { # URL: triggers an ingester run, waits for its end, prints its id
    local id; id=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"pipeline":"ingester"}' "$1$API" | jq -r .jobId)
    until [ "$(curl -s "$1$API?jobId=$id&output=false" | jq -r .status)" != running ]; do sleep 0.05; done
    echo "$id"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); server JVM options: $JAVA_OPTS; ${DURATION}s per load run"
row "figure" "server" "anchor" "ratio" "goal"

# -- start-up: java -jar to the first 202, beside the bare Jersey app's first answer; each figure the median of
# START_ROUNDS starts taken in turns (bare app, server, server with the archive, its restart), each server on a
# fresh data directory but the restart, which starts on the store the start before it made (a deploy, a reboot)
time_start() { # NAME [JVM options]: ms from java -jar (on $WORK/NAME) to the first answered 202; stopped after
    local port t0 took; port=$(free_port); t0=$(ms)
    JAVA_OPTS="$JAVA_OPTS ${2:-}" start_server "$1" "$port"
    took=$(wait_for "http://127.0.0.1:$port$API" POST 202 "$t0")
    kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
    echo "$took"
}
time_bare() { # ms from java to the bare app's first answered 202; stopped after
    local port t0 took pid; port=$(free_port); t0=$(ms)
    java $JAVA_OPTS -cp pipeline-bench/target/pipeline-bench.jar io.pipelinetrigger.bench.BareJerseyApp "$port" \
        >"$WORK/bare-start.log" 2>&1 &
    pid=$!
    took=$(wait_for "http://127.0.0.1:$port$API" POST 202 "$t0")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$took"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# the documented command uses the archive the build made (pipeline-app's package phase); it is made here when it is
# missing or older than the jar (the JVM silently ignores an archive made for another jar); the bare app gets none
ARCHIVE=pipeline-app/target/pipeline-app.jsa
if wants startup || wants poll; then
    [ "$ARCHIVE" -nt pipeline-app/target/pipeline-app.jar ] || packaging/cds-archive.sh >/dev/null || true
fi
CDS=""
[ -s "$ARCHIVE" ] && [ "$ARCHIVE" -nt pipeline-app/target/pipeline-app.jar ] && CDS="-XX:SharedArchiveFile=$ARCHIVE"
if wants startup; then
    for r in $(seq "$START_ROUNDS"); do
        echo "b $(time_bare)"
        echo "s $(time_start "start-$r")"
        echo "c $(time_start "start-cds-$r" "$CDS")"
        echo "r $(time_start "start-cds-$r" "$CDS")"
    done >"$WORK/starts"
    bare_start=$(awk '$1 == "b" { print $2 }' "$WORK/starts" | median)
    for kind in s c r; do
        took=$(awk -v k="$kind" '$1 == k { print $2 }' "$WORK/starts" | median)
        case $kind in
            s) label="java -jar to the first 202, no archive (ms)"; goal="(reference)" ;;
            c) label="java -jar to the first 202, fresh store (ms)"; goal="<= 1.3" ;;
            r) label="a restart on that store (ms)"; goal="<= 1.3" ;;
        esac
        row "$label" "$took" "$bare_start" "$(ratio "$took" "$bare_start")" "$goal"
    done
fi
# the bare app and the server (with the archive: it changes the start, not the polls) for the poll rows
if wants poll; then
    BARE_PORT=$(free_port)
    java $JAVA_OPTS -cp pipeline-bench/target/pipeline-bench.jar io.pipelinetrigger.bench.BareJerseyApp "$BARE_PORT" \
        >"$WORK/bare.log" 2>&1 &
    PIDS+=($!)
    JAVA_OPTS="$JAVA_OPTS $CDS"
    SERVER_PORT=$(free_port)
    start_server poll "$SERVER_PORT"
    ready "http://127.0.0.1:$SERVER_PORT"
    until curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT$API?jobId=none"; do sleep 0.05; done
fi

# -- polls under load, against the bare app in the same run
if wants poll; then
    BASE="http://127.0.0.1:$SERVER_PORT"
    sleep 1
    JOB=$(finished_job "$BASE")
    # both warmed up alike first (WARMUP seconds each), so the figures compare compiled code with compiled code
    DURATION=$WARMUP load "$BASE$API?jobId=$JOB" 50 >/dev/null
    DURATION=$WARMUP load "http://127.0.0.1:$BARE_PORT$API?jobId=$JOB" 50 >/dev/null
    read -r s_rps s_p99 b_rps b_p99 < <(load_pair "$BASE$API?jobId=$JOB" "http://127.0.0.1:$BARE_PORT$API?jobId=$JOB" 50)
    row "poll throughput, 50 connections (req/s)" "$s_rps" "$b_rps" "$(ratio "$s_rps" "$b_rps")" ">= 0.70"
    row "poll p99, 50 connections (ms)" "$s_p99" "$b_p99" "$(ratio "$s_p99" "$b_p99")" "(for reference)"
    read -r s_rps s_p99 b_rps b_p99 < <(load_pair "$BASE$API?jobId=$JOB" "http://127.0.0.1:$BARE_PORT$API?jobId=$JOB" 200)
    row "poll p99, 200 connections (ms)" "$s_p99" "$b_p99" "$(ratio "$s_p99" "$b_p99")" "<= 1.5"
fi

# -- a step printing OUTPUT_BYTES, beside the same program writing to a file on the same disk; RSS growth
if wants print; then
    PRINTER="yes 'Running with dbt=1.8.0: Found 271 models, 197 tests, 0 snapshots, 5 seeds' | head -c $OUTPUT_BYTES"
    t0=$(ms); sh -c "$PRINTER > '$WORK/alone.log'"; alone=$(( $(ms) - t0 )); rm -f "$WORK/alone.log"
    PRINT_PORT=$(free_port)
    start_server print "$PRINT_PORT" PIPELINE_DBT_COMMAND="sh -c \"$PRINTER\""
    ready "http://127.0.0.1:$PRINT_PORT"
    rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status"; }
    rss_before=$(rss "$LAST_PID"); rss_max=$rss_before
    id=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"pipeline":"dbt"}' "http://127.0.0.1:$PRINT_PORT$API" | jq -r .jobId)
    while [ "$(curl -s "http://127.0.0.1:$PRINT_PORT$API?jobId=$id&output=false" | jq -r .status)" = running ]; do
        r=$(rss "$LAST_PID"); [ "$r" -gt "$rss_max" ] && rss_max=$r; sleep 0.2
    done
    step_ms=$(curl -s "http://127.0.0.1:$PRINT_PORT$API?jobId=$id&output=false" | jq -r '.steps[0] | "\(.startedAt) \(.finishedAt)"' \
        | python3 -c 'import sys, datetime as d; a, b = sys.stdin.read().split(); f = lambda s: d.datetime.fromisoformat(s.replace("Z", "+00:00")); print(int((f(b) - f(a)).total_seconds() * 1000))')
    row "a step printing $OUTPUT_BYTES bytes (ms)" "$step_ms" "$alone" "$(ratio "$step_ms" "$alone")" "<= 1.5"
    row "server RSS growth while it prints (MiB)" "$(( rss_max - rss_before ))" "64" "$(ratio $(( rss_max - rss_before )) 64)" "< 1 (64 MiB)"
fi

# -- 10,000 jobs in the PostgreSQL store: poll, trigger, list, beside the same calls on an empty store
if ! wants pg; then
    :
elif command -v psql >/dev/null && PGPASSWORD=$PG_PASSWORD psql -qAt -h 127.0.0.1 -U "$PG_USER" -d pipeline_test -c 'SELECT 1' >/dev/null 2>&1; then
    SCHEMA=bench_$(date +%s)
    PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -U "$PG_USER" -d pipeline_test -c "CREATE SCHEMA $SCHEMA"
    PG_PORT=$(free_port)
    start_server pg "$PG_PORT" PIPELINE_DB_URL="$PG_URL?currentSchema=$SCHEMA" PIPELINE_DB_USER="$PG_USER" PIPELINE_DB_PASSWORD="$PG_PASSWORD" \
        PIPELINE_JOB_RETENTION=P30D
    PGB="http://127.0.0.1:$PG_PORT"
    ready "$PGB"
    JOB=$(finished_job "$PGB")
    empty_poll=$(median_ms GET "$PGB$API?jobId=$JOB")
    empty_trigger=$(trigger_ms "$PGB")
    empty_list=$(median_ms GET "$PGB$API")
    # JOBS finished jobs of the last 20 days, each with a 10 KiB output, as the server would have written them
    PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -U "$PG_USER" -d pipeline_test <<SQL
SET search_path TO $SCHEMA;
INSERT INTO jobs (id, pipeline, dbt_command, enable_openlineage, enable_elementary, status, created_at_nanos,
                  started_at_nanos, finished_at_nanos, exit_code, output_utf8, outcome, triggered_by)
SELECT 'dbt-' || (1700000000000 + g) || '-' || lpad(to_hex(g), 6, '0'), 'dbt', 'daily', true, true, 'completed',
       (extract(epoch FROM now()) * 1e9)::bigint - (20 * 86400 - g * 100)::bigint * 1000000000,
       (extract(epoch FROM now()) * 1e9)::bigint - (20 * 86400 - g * 100)::bigint * 1000000000,
       (extract(epoch FROM now()) * 1e9)::bigint - (20 * 86400 - g * 100 - 60)::bigint * 1000000000,
       0, convert_to(repeat('Running with dbt=1.8.0 found 271 models ', 250), 'UTF8'), 'succeeded', 'api'
FROM generate_series(1, $JOBS) AS g;
INSERT INTO job_steps (job_id, ordinal, name, status, exit_code, started_at_nanos, finished_at_nanos)
SELECT id, 0, 'dbt', 'completed', 0, started_at_nanos, finished_at_nanos FROM jobs WHERE id LIKE 'dbt-17000%';
ANALYZE jobs; ANALYZE job_steps;
SQL
    full_poll=$(median_ms GET "$PGB$API?jobId=$JOB")
    row "one poll, $JOBS jobs vs none (ms)" "$full_poll" "$empty_poll" "$(ratio "$full_poll" "$empty_poll")" "<= 1.2"
    full_trigger=$(trigger_ms "$PGB")
    row "a trigger, $JOBS jobs (ms; anchor: none)" "$full_trigger" "$empty_trigger" "$(ratio "$full_trigger" "$empty_trigger")" "< 20 ms"
    full_list=$(median_ms GET "$PGB$API")
    size=$(curl -s "$PGB$API" | wc -c)
    row "list, $JOBS jobs (ms; anchor: none)" "$full_list" "$empty_list" "$(ratio "$full_list" "$empty_list")" "< 50 ms"
    row "list body, $JOBS jobs (bytes, default page)" "$size" "-" "-" "a page"
    PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -U "$PG_USER" -d pipeline_test -c "DROP SCHEMA $SCHEMA CASCADE"
else
    echo "bench: no PostgreSQL at 127.0.0.1:5432 as $PG_USER (.ci/start-postgres.sh): the $JOBS-job rows are skipped" >&2
fi

# -- trigger to container: a trigger on the Docker runner to the job's end, beside `docker run --rm` of the same
#    image and command (both create, start, wait for and remove one container); skipped without an engine
if ! wants docker; then
    :
elif docker info >/dev/null 2>&1 && [ -x /bin/busybox ]; then
    IMAGE=${BENCH_IMAGE:-pipeline-bench/busybox:1}
    if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
        mkdir -p "$WORK/image" && cp /bin/busybox "$WORK/image/busybox"
        printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' >"$WORK/image/Dockerfile"
        docker build -q -t "$IMAGE" "$WORK/image" >/dev/null 2>"$WORK/image/build.log" \
            || { cat "$WORK/image/build.log" >&2; exit 1; }
    fi
    docker_ms=$(for _ in 1 2 3 4 5; do t0=$(ms); docker run --rm "$IMAGE" true >/dev/null; echo $(( $(ms) - t0 )); done \
        | sort -n | awk '{ a[NR] = $1 } END { print a[3] }')
    DOCKER_PORT=$(free_port)
    start_server docker "$DOCKER_PORT" PIPELINE_RUNNER=docker PIPELINE_INSTANCE="bench$$" \
        PIPELINE_INGESTER_IMAGE="$IMAGE" PIPELINE_DBT_IMAGE="$IMAGE" PIPELINE_INGESTER_COMMAND=true
    ready "http://127.0.0.1:$DOCKER_PORT"
    finished_job "http://127.0.0.1:$DOCKER_PORT" >/dev/null # warm-up: the first run loads the Docker client's classes
    trigger_to_end=$(for _ in 1 2 3 4 5; do
        t0=$(ms)
        id=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"pipeline":"ingester"}' "http://127.0.0.1:$DOCKER_PORT$API" | jq -r .jobId)
        until [ "$(curl -s "http://127.0.0.1:$DOCKER_PORT$API?jobId=$id&output=false" | jq -r .status)" != running ]; do sleep 0.01; done
        echo $(( $(ms) - t0 ))
    done | sort -n | awk '{ a[NR] = $1 } END { print a[3] }')
    row "trigger to the job's end, Docker (ms)" "$trigger_to_end" "$docker_ms" "$(ratio "$trigger_to_end" "$docker_ms")" "(docker run --rm)"
else
    echo "bench: no Docker engine (or no /bin/busybox from busybox-static): the trigger-to-container row is skipped" >&2
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
