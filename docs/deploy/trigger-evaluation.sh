#!/bin/sh
# Triggers a Trustwatch evaluation in the asynchronous form and follows it until it ends.
# Needs POSIX sh and curl 7.84 or later (for %header{…}); nothing else.
#
#   TW_URL       the service, e.g. https://trustwatch.firm.internal (no trailing slash)
#   TW_USER      a login with the SCHEDULER role (default: scheduler)
#   TW_PASS      its password
#   TW_BODY      the trigger's JSON body (default: {} = the whole book, as of today)
#   TW_KEY       the Idempotency-Key (default: scheduled-<UTC date and hour>, so a retry within the
#                hour follows the run the first attempt started)
#   TW_DEADLINE  seconds to follow the run before giving up (default: 3000); the run itself goes on
#   TW_POLL      seconds between polls (default: the service's Retry-After, else 5)
#
# Exit status: 0 the evaluation ended DONE; 1 it ended otherwise, someone else's run held the book,
# the deadline passed, or the trigger was refused; the last line says which.
set -u

: "${TW_URL:?set TW_URL}" "${TW_PASS:?set TW_PASS}"
TW_USER=${TW_USER:-scheduler}
TW_BODY=${TW_BODY:-'{}'}
TW_KEY=${TW_KEY:-scheduled-$(date -u +%Y-%m-%dT%H)}
TW_DEADLINE=${TW_DEADLINE:-3000}
start=$(date +%s)
body=$(mktemp)
trap 'rm -f "$body"' EXIT

# -K - reads the credentials from stdin, so the password never shows in the process list
call() {
    printf 'user = "%s:%s"\n' "$TW_USER" "$TW_PASS" | curl -sS -K - --max-time 30 -o "$body" "$@"
}

answer=$(call -w '%{http_code} %header{location} %header{retry-after}' \
    -H 'Content-Type: application/json' -H 'Prefer: respond-async' -H "Idempotency-Key: $TW_KEY" \
    -d "$TW_BODY" "$TW_URL/api/evaluations") || { echo "trigger: no answer from $TW_URL"; exit 1; }
code=${answer%% *}
rest=${answer#* }
location=${rest%% *}
retry=${rest#* }
poll=${TW_POLL:-${retry:-5}}
case "$code" in
    200|202) own=yes ;;
    409) own=no; echo "another evaluation holds the book: $(cat "$body")"
         call -w '%{http_code}' "$TW_URL$location" > /dev/null ;;
    *) echo "trigger refused ($code): $(cat "$body")"; exit 1 ;;
esac
if [ -z "$location" ]; then
    location=/api/evaluations/$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$body")
fi
echo "following $TW_URL$location (Idempotency-Key $TW_KEY)"

while :; do
    status=$(sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p' "$body")
    done_=$(sed -n 's/.*"mattersDone":\([0-9]*\).*/\1/p' "$body")
    total=$(sed -n 's/.*"mattersTotal":\([0-9]*\).*/\1/p' "$body")
    echo "$(date -u +%H:%M:%S) $status ${done_:-0} of ${total:-?} matters"
    case "$status" in
        DONE) [ "$own" = yes ] && exit 0; echo "that run was not this trigger's: trigger again"; exit 1 ;;
        FAILED|CANCELLED) echo "the evaluation ended $status: $(sed -n 's/.*"failure":"\([^"]*\)".*/\1/p' "$body")"; exit 1 ;;
    esac
    if [ $(( $(date +%s) - start )) -ge "$TW_DEADLINE" ]; then
        echo "gave up following after $TW_DEADLINE s; the evaluation goes on at $TW_URL$location"
        exit 1
    fi
    sleep "$poll"
    code=$(call -w '%{http_code}' "$TW_URL$location") || code=000
    [ "$code" = 200 ] || echo "poll answered $code; trying again"
done
