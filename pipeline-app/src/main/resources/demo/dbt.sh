#!/bin/sh
# Demo workload of pipeline-trigger --demo: a SIMULATION of a dbt container run. It touches no database;
# it prints lines shaped like dbt's and follows the step environment of pipeline-trigger:
#   last argument (else DBT_COMMAND): daily | run | build | test | deps | elementary
#   ENABLE_OPENLINEAGE=false: plain dbt instead of dbt-ol    ENABLE_ELEMENTARY=false: no elementary step
# DEMO_STEP_SECONDS sets the length of each phase (see pacing.sh). `test` always fails like a real dbt test
# on missing bronze tables: ERROR=5, exit 1.

COMMAND="${DBT_COMMAND:-daily}"
for argument in "$@"; do COMMAND="$argument"; done
OPENLINEAGE="${ENABLE_OPENLINEAGE:-true}"
ELEMENTARY="${ENABLE_ELEMENTARY:-true}"

echo "[demo] simulated dbt step: no database is touched (job ${PIPELINE_JOB_ID:-none}, command $COMMAND, openlineage=$OPENLINEAGE, elementary=$ELEMENTARY)"

DEMO_STOP_MESSAGE="[demo] dbt received a stop signal; the simulated run stops here"
. "$(dirname "$0")/pacing.sh"

now() { date -u '+%H:%M:%S'; }
say() { echo "$(now)  $*"; }

if [ "$OPENLINEAGE" = "true" ]; then
    DBT="dbt-ol"
    echo "[demo] ENABLE_OPENLINEAGE=true: running dbt-ol (lineage events go to Marquez)"
else
    DBT="dbt"
    echo "[demo] ENABLE_OPENLINEAGE=false: plain dbt instead of dbt-ol (no lineage is emitted)"
fi

header() {
    echo "\$ $DBT $*"
    say "Running with dbt=1.8.7"
    say "Registered adapter: postgres=1.8.2"
}

deps() {
    header deps
    say "Installing dbt-labs/dbt_utils"
    say "Installed from version 1.3.0"
    say "Installing elementary-data/elementary"
    pause
    say "Installed from version 0.16.1"
    echo "$(now)  [WARNING]: Deprecated functionality: the 'tests' config is renamed to 'data_tests'" >&2
}

models() { # $1 = run | build | test
    header "$1"
    say "Found 271 models, 197 data tests, 46 sources, 1021 macros"
    say "Concurrency: 4 threads (target='prod')"
    say "1 of 468 START sql view model silver.stg_customers ......................... [RUN]"
    say "1 of 468 OK created sql view model silver.stg_customers .................... [CREATE VIEW in 0.21s]"
    say "2 of 468 START sql table model silver.stg_orders ........................... [RUN]"
    echo "$(now)  [WARNING]: model gold.fct_revenue: column 'discount' is always null in the last 7 days" >&2
    pause
    say "2 of 468 OK created sql table model silver.stg_orders ...................... [SELECT 184221 in 1.02s]"
    say "468 of 468 PASS not_null_fct_revenue_order_id .............................. [PASS in 0.08s]"
    case "$1" in
        run) say "Finished running 271 models in 0 hours 0 minutes and ${STEP_SECONDS} seconds."
             say "Completed successfully"
             say "Done. PASS=271 WARN=0 ERROR=0 SKIP=0 TOTAL=271" ;;
        test) failing_tests ;;
        *) say "Finished running 271 models, 197 data tests in 0 hours 0 minutes and ${STEP_SECONDS} seconds."
           say "Completed with 5 warnings"
           say "Done. PASS=463 WARN=5 ERROR=0 SKIP=0 TOTAL=468" ;;
    esac
}

# The simulated `dbt test` fails the way a real one does when the ingester has not loaded bronze yet:
# 5 source tests hit missing tables, dbt reports ERROR=5 and exits 1 (the job ends completed, exit code 1).
failing_tests() {
    for table in crm_contacts crm_accounts erp_orders erp_invoices web_sessions; do
        say "Database Error in test source_not_null_bronze_${table}_id (models/sources.yml)"
        say "  relation \"bronze.${table}\" does not exist"
    done
    say "Finished running 197 data tests in 0 hours 0 minutes and ${STEP_SECONDS} seconds."
    say "Completed with 5 errors, 0 partial successes, and 5 warnings"
    say "Done. PASS=187 WARN=5 ERROR=5 SKIP=0 TOTAL=197"
    echo "[demo] simulated dbt test found ERROR=5 (missing bronze tables); it exits 1, as dbt does"
    exit 1
}

elementary() {
    if [ "$ELEMENTARY" != "true" ]; then
        echo "[demo] ENABLE_ELEMENTARY=false: elementary step skipped (no report is generated)"
        return
    fi
    header run --select elementary
    say "Found 32 elementary models"
    pause
    say "Done. PASS=32 WARN=0 ERROR=0 SKIP=0 TOTAL=32"
    echo "\$ edr report"
    say "Elementary report generated: /app/edr_target/elementary_report.html"
}

case "$COMMAND" in
    daily) deps; models build; elementary ;;
    run | build | test) models "$COMMAND" ;;
    deps) deps ;;
    elementary) elementary ;;
    *) echo "dbt: unknown command '$COMMAND' (daily, run, build, test, deps, elementary)" >&2; exit 2 ;;
esac
echo "[demo] simulated dbt $COMMAND finished (nothing was built)"
exit 0
