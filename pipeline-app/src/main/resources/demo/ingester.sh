#!/bin/sh
# Demo workload of pipeline-trigger --demo: a SIMULATION of a dlt ingester run. It reads no source and
# writes nothing; it only prints lines shaped like dlt's so the API can be tried without a lakehouse.
# DEMO_STEP_SECONDS sets the length of each phase (see pacing.sh). DEMO_FAIL=ingester makes the extract fail
# and the ingester exit 1, so a "full" run shows dbt skipped.

echo "[demo] simulated dlt ingester: no source is read and nothing is written (job ${PIPELINE_JOB_ID:-none}, step ${PIPELINE_STEP:-ingester})"

DEMO_STOP_MESSAGE="[demo] ingester received a stop signal and stops before loading anything"
. "$(dirname "$0")/pacing.sh"

now() { date -u '+%Y-%m-%d %H:%M:%S'; }

echo "$(now) | dlt | pipeline zynexa_bronze: extract step started (source=sql_database, 46 tables)"
echo "----------------------------- Extract sql_database -----------------------------"
echo "Resources: 12/46 (26.1%) | Time: 0.41s | Rate: 29.27/s"
pause
if [ "${DEMO_FAIL:-}" = "ingester" ]; then
    echo "dlt.pipeline.exceptions.PipelineStepFailed: Pipeline execution failed at stage extract when processing package 1710460800.4242" >&2
    echo "  OperationalError: connection to server at \"crm-db\" (10.0.0.7), port 5432 failed: Connection refused" >&2
    echo "[demo] DEMO_FAIL=ingester: the simulated ingester fails here and exits 1 (nothing was read)"
    exit 1
fi
echo "Resources: 46/46 (100.0%) | Time: ${STEP_SECONDS}s | Rate: 46.00/s"
echo "Memory usage: 212.45 MB (18.30%) | CPU usage: 34.20%"
echo "[WARNING] dlt: table crm_contacts has 3 columns with unknown data type; they are stored as text" >&2

echo "$(now) | dlt | pipeline zynexa_bronze: normalize step started"
echo "--------------------------- Normalize sql_database -----------------------------"
pause
echo "Files: 46/46 (100.0%) | Time: ${STEP_SECONDS}s | Rate: 46.00/s"
echo "Items: 184221 | Time: ${STEP_SECONDS}s"

echo "$(now) | dlt | pipeline zynexa_bronze: load step started (destination=postgres, dataset=bronze)"
echo "------------------------ Load sql_database in path bronze ----------------------"
pause
echo "Jobs: 46/46 (100.0%) | Time: ${STEP_SECONDS}s | Rate: 46.00/s"
echo "Pipeline zynexa_bronze load step completed in ${STEP_SECONDS}s"
echo "1 load package(s) were loaded to destination postgres and into dataset bronze"
echo "The postgres destination used postgresql://ingest:***@lakehouse-db:5432/lakehouse location to store data"
echo "Load package 1710460800.4242 is LOADED and contains no failed jobs"
echo "[demo] simulated ingester finished: 46 tables 'loaded' into bronze (nothing was written)"
exit 0
