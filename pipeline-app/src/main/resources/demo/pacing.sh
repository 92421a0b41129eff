# Shared by the demo scripts (sourced, not run): the pace of a simulated phase and a clean stop.
# DEMO_STEP_SECONDS sets the length of each phase (default 1; fractions work where sleep takes them).
# The sourcing script sets DEMO_STOP_MESSAGE first.

STEP_SECONDS="${DEMO_STEP_SECONDS:-1}"
case "$STEP_SECONDS" in
    '' | *[!0-9.]* | *.*.* | .) STEP_SECONDS=1 ;;
esac

SLEEP_PID=
pause() {
    sleep "$STEP_SECONDS" &
    SLEEP_PID=$!
    wait "$SLEEP_PID"
    SLEEP_PID=
}
on_stop() {
    if [ -n "$SLEEP_PID" ]; then kill "$SLEEP_PID" 2>/dev/null; fi
    echo "$DEMO_STOP_MESSAGE" >&2
    exit 143
}
trap on_stop TERM INT
