#!/usr/bin/env bash
# Makes a PostgreSQL server answer on 127.0.0.1 for the JDBC store's integration test (PostgresJobRepositoryIT),
# with a role and a UTF-8 database it owns, reached with password authentication.
# Idempotent: installs Debian's postgresql only when missing, creates a cluster only when there is none, starts it
# only when it is down, and (re)sets the role's password each run. Needs root (CI and sessions run as root).
# The IT reads the same defaults: PIPELINE_TEST_PG_URL, PIPELINE_TEST_PG_USER, PIPELINE_TEST_PG_PASSWORD.
set -euo pipefail

PG_ROLE="${PIPELINE_TEST_PG_USER:-pipeline_test}"
PG_PASSWORD="${PIPELINE_TEST_PG_PASSWORD:-pipeline_test}"
PG_DATABASE="${PIPELINE_TEST_PG_DATABASE:-pipeline_test}"
PG_PORT=5432

log() { echo "start-postgres: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends postgresql
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
# "version cluster port status owner datadir logfile" of our cluster, or nothing (read once: no early-closing pipes)
cluster_line() { pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"'; }

if [ -z "$(cluster_line)" ]; then
    log "creating cluster $version/main"
    pg_createcluster --port "$PG_PORT" "$version" main
fi

cluster_port="$(cluster_line | awk '{print $3}')"
if [ "$cluster_port" != "$PG_PORT" ]; then
    log "note: cluster $version/main listens on port $cluster_port; set PIPELINE_TEST_PG_URL to match"
fi

if [ "$(cluster_line | awk '{print $4}')" != "online" ]; then
    log "starting cluster $version/main on port $cluster_port"
    # pg_ctlcluster forks the server away from this shell, so it outlives the script
    pg_ctlcluster "$version" main start
fi

ready=false
for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$cluster_port"; then
        ready=true
        break
    fi
    sleep 1
done
if [ "$ready" != true ]; then
    log "PostgreSQL did not answer on 127.0.0.1:$cluster_port within 60 s; last lines of its log:"
    tail -n 30 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
    exit 1
fi

as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$cluster_port" "$@"; }

# The names are ours and fixed above, so quoting them as identifiers and literals here is safe.
as_postgres -d postgres -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        CREATE ROLE \"$PG_ROLE\" LOGIN;
    END IF;
END \$\$;"
as_postgres -d postgres -c "ALTER ROLE \"$PG_ROLE\" WITH LOGIN PASSWORD '$PG_PASSWORD';"

# The store keeps any Unicode text: the database must be UTF-8 whatever locale the machine has (the C
# collation works with every encoding, so no locale needs generating).
encoding="$(as_postgres -d postgres -At -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = '$PG_DATABASE'")"
if [ -n "$encoding" ] && [ "$encoding" != "UTF8" ]; then
    log "database $PG_DATABASE is $encoding, not UTF8: recreating it (it holds test data only)"
    as_postgres -d postgres -c "DROP DATABASE \"$PG_DATABASE\";"
    encoding=""
fi
if [ -z "$encoding" ]; then
    log "creating database $PG_DATABASE"
    as_postgres -d postgres -c "CREATE DATABASE \"$PG_DATABASE\" OWNER \"$PG_ROLE\" ENCODING 'UTF8'
        TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C';"
fi

# Proves what the IT needs: password login over TCP on 127.0.0.1.
PGPASSWORD="$PG_PASSWORD" psql -X -q -h 127.0.0.1 -p "$cluster_port" -U "$PG_ROLE" -d "$PG_DATABASE" \
    -At -c "SELECT 'start-postgres: ' || version()" >&2
log "ready: jdbc:postgresql://127.0.0.1:$cluster_port/$PG_DATABASE as $PG_ROLE"
