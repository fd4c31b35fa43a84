#!/usr/bin/env bash
# schemathesis (PyPI) against the running app: for accounts-service and messages-service, every operation
# of the service's OpenAPI document (read from its ops port) is called on its public port with examples,
# boundary cases and fuzzed input, as one real signed-in user, and every reply must be no 5xx and match the
# documented schema of its status. Installs schemathesis once into a machine-wide venv keyed by version.
#
#   scripts/schemathesis.sh            against `make app-up` (4001/4002, ops ports 9401/9402)
#
# Environment (defaults are scripts/app.sh's): PARTYLINE_ACCOUNTS_URL, PARTYLINE_MESSAGES_URL,
# PARTYLINE_ACCOUNTS_OPS_URL, PARTYLINE_MESSAGES_OPS_URL; SCHEMATHESIS_MAX_EXAMPLES (20: about 75 s for both services on 2 cores), SCHEMATHESIS_SEED
# (fixed, so a failure reproduces; set another to explore), SCHEMATHESIS_REPORT (.stack/reports/
# schemathesis.json: passed/failed operations in the shape scripts/test-summary.mjs reads).
# Exits non-zero when any operation fails a check or the run cannot start.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
CACHE_ROOT="${PARTYLINE_CACHE:-/var/cache/partyline}"
VENV="$CACHE_ROOT/schemathesis-$VERSION"
BIN="$VENV/bin/schemathesis"

ACCOUNTS_URL="${PARTYLINE_ACCOUNTS_URL:-http://127.0.0.1:4001}"
MESSAGES_URL="${PARTYLINE_MESSAGES_URL:-http://127.0.0.1:4002}"
ACCOUNTS_OPS_URL="${PARTYLINE_ACCOUNTS_OPS_URL:-http://127.0.0.1:9401}"
MESSAGES_OPS_URL="${PARTYLINE_MESSAGES_OPS_URL:-http://127.0.0.1:9402}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-20}"
SEED="${SCHEMATHESIS_SEED:-20240612}"
REPORT="${SCHEMATHESIS_REPORT:-.stack/reports/schemathesis.json}"
case "$REPORT" in /*) ;; *) REPORT="$PWD/$REPORT" ;; esac
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Until the runs below finish, the report says "failed": a run that stops early is never counted as passed.
mkdir -p "$(dirname "$REPORT")"
echo '{"numPassedTests":0,"numFailedTests":1,"numPendingTests":0,"numTodoTests":0}' >"$REPORT"

installed() { [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -qF "version $VERSION"; }

# A venv's scripts name its own path, so it is built in place, under a lock when two runs race.
if ! installed; then
  mkdir -p "$CACHE_ROOT"
  (
    if command -v flock >/dev/null 2>&1; then flock 9; fi
    if ! installed; then
      echo "==> installing schemathesis $VERSION into $VENV" >&2
      rm -rf "$VENV"
      python3 -m venv "$VENV"
      "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION" >&2
    fi
  ) 9>"$CACHE_ROOT/.schemathesis.lock"
fi

# JSON field `$2` (a dotted path) of file `$1`.
field() { "$VENV/bin/python" -c 'import functools,json,sys; print(functools.reduce(lambda v,k: v[int(k)] if isinstance(v,list) else v[k], sys.argv[2].split("."), json.load(open(sys.argv[1]))))' "$1" "$2"; }

# A fresh user per run (usernames: 3..32 of [a-z0-9_]): dev sign-in sets its refresh cookie, which is not
# kept, and answers { accessToken, user, … }.
sign_in() { # username out-file
  local attempt code wait
  for attempt in 1 2 3; do
    code="$(curl -sS -X POST "$ACCOUNTS_URL/api/auth/dev" -H 'content-type: application/json' \
      -d "{\"username\":\"$1\"}" -o "$2" -D "$WORK/headers" -w '%{http_code}')" || code=000
    [ "$code" = 200 ] && return 0
    # Sign-in is limited per address (the end-to-end tests before this run sign in often): wait it out.
    wait="$(tr -d '\r' <"$WORK/headers" | awk -F': ' 'tolower($1) == "retry-after" { print $2 }')"
    [ "$code" = 429 ] && [ "$attempt" -lt 3 ] || break
    echo "    dev sign-in rate limited; retrying in ${wait:-10}s" >&2
    sleep "${wait:-10}"
  done
  echo "✗ dev sign-in at $ACCOUNTS_URL answered $code (is the app up with DEV_SIGNIN=true?)" >&2
  exit 1
}
# Both users sign in first: the fuzzed dev sign-in below soon meets its per-address rate limit.
RUN_ID="$(date +%s)_$RANDOM"
sign_in "st_$RUN_ID" "$WORK/session.json"
sign_in "st2_$RUN_ID" "$WORK/member.json"
TOKEN="$(field "$WORK/session.json" accessToken)"

# messages-service as that user: `api METHOD PATH [BODY] > reply.json`.
api() {
  curl -fsS -X "$1" "$MESSAGES_URL$2" -H "Authorization: Bearer ${API_TOKEN:-$TOKEN}" \
    -H 'content-type: application/json' ${3:+-d "$3"}
}

common=(
  --checks not_a_server_error,response_schema_conformance
  --phases examples,coverage,fuzzing
  --max-examples "$MAX_EXAMPLES"
  --seed "$SEED"
  # Each case is short; no redirect is followed (an OAuth start would lead off this machine).
  --request-timeout 10 --max-redirects 0
  # One worker: with two, CPython 3.11's ast.parse (hypothesis describing its filters) races and the
  # run dies with "SystemError: AST constructor recursion depth mismatch".
  --workers 1
  --suppress-health-check all
  # Nothing is written into the working tree (.hypothesis/): each run starts from the same seed.
  --generation-database none
  # The token must not be printed in a failure's reproduction command.
  --output-sanitize true
  --report junit
  -H "Authorization: Bearer $TOKEN"
)

# accounts-service, as the user above. Left out:
#   DELETE /api/users/me          deletes the user: every later case (of both services) would test only
#                                 the 401 of a user that is gone, and the deletion fans out (UserDeleted).
#   POST /api/auth/logout-all     revokes every session of the user, the session of this run included;
#                                 what it does is covered by accounts-service's own tests.
accounts=(
  "$BIN" run "$ACCOUNTS_OPS_URL/openapi.json" --url "$ACCOUNTS_URL" "${common[@]}"
  --report-junit-path "$WORK/accounts.xml"
  --exclude-name 'DELETE /api/users/me'
  --exclude-name 'POST /api/auth/logout-all'
)

# messages-service, twice. First with generated ids: nothing is left out (anything of a party the user is
# not in answers 404; the user owns nothing yet, so nothing real can change).
messages=(
  "$BIN" run "$MESSAGES_OPS_URL/openapi.json" --url "$MESSAGES_URL" "${common[@]}"
  --report-junit-path "$WORK/messages.xml"
)

# Then against real things (`set -e` does not reach into a function called by `if`: each step says so), so that the cases reach the code behind the 404s: a party of this user with its
# topic, a message, an invite, and a second member; every path parameter of those names is fixed to them.
# Left out of this second run (each is in the first one):
#   DELETE /api/parties/{partyId}        would delete the party, and every later case would be a 404 again;
#   POST /api/parties/{partyId}/leave    would take the user out of it once a fuzzed role change made the
#                                        other member its owner (the same 404s);
#   DELETE /api/messages/{messageId}     would clear the message that the edit cases change.
seed() {
  api POST /api/parties '{"name":"Schemathesis"}' >"$WORK/party.json" || return 1
  PARTY_ID="$(field "$WORK/party.json" id)" || return 1
  api GET "/api/parties/$PARTY_ID/topics" >"$WORK/topics.json" || return 1
  TOPIC_ID="$(field "$WORK/topics.json" 0.id)" || return 1
  api POST "/api/topics/$TOPIC_ID/messages" "{\"body\":\"seed\",\"nonce\":\"st-seed-$RUN_ID\"}" >"$WORK/message.json" || return 1
  MESSAGE_ID="$(field "$WORK/message.json" id)" || return 1
  api POST "/api/parties/$PARTY_ID/invites" '{}' >"$WORK/invite.json" || return 1
  INVITE_CODE="$(field "$WORK/invite.json" code)" || return 1
  INVITE_ID="$(field "$WORK/invite.json" id)" || return 1
  API_TOKEN="$(field "$WORK/member.json" accessToken)" api POST "/api/invites/$INVITE_CODE/accept" >/dev/null || return 1
  MEMBER_ID="$(field "$WORK/member.json" user.id)" || return 1
  cat >"$WORK/seeded.toml" <<TOML
[parameters]
partyId = "$PARTY_ID"
topicId = "$TOPIC_ID"
messageId = "$MESSAGE_ID"
inviteId = "$INVITE_ID"
code = "$INVITE_CODE"
userId = "$MEMBER_ID"
TOML
}
seeded=(
  "$BIN" --config-file "$WORK/seeded.toml" run "$MESSAGES_OPS_URL/openapi.json" --url "$MESSAGES_URL"
  "${common[@]}"
  --report-junit-path "$WORK/messages-seeded.xml"
  --exclude-name 'DELETE /api/parties/{partyId}'
  --exclude-name 'POST /api/parties/{partyId}/leave'
  --exclude-name 'DELETE /api/messages/{messageId}'
)

# schemathesis and hypothesis keep caches in the working directory (.schemathesis/, .hypothesis/): run
# them in the scratch directory, never in the repository.
in_work() { (cd "$WORK" && "$@"); }

# Each run's own report goes to a log beside the JSON report, and is printed only when the run fails:
# schemathesis closes with pytest's banner ("=== 3 warnings in 13.48s ==="), which a reader of this
# output would take for a test runner that ran no test, though make test's closing line follows it.
LOG_DIR="$(dirname "$REPORT")"
mkdir -p "$LOG_DIR"
run_logged() {
  local name="$1"
  shift
  local log="$LOG_DIR/schemathesis-$name.log"
  if in_work "$@" >"$log" 2>&1; then
    echo "    ✓ $(grep -E '^ *[0-9]+ generated' "$log" | tr -s ' ' | sed 's/^ //') (report: $log)"
  else
    sed -E 's/^=+ (.*) =+$/--- \1 ---/' "$log"
    echo "    ✗ schemathesis found failures (report: $log)" >&2
    return 1
  fi
}

status=0
# Made before any run, so that nothing fuzzed (a rename, a rate limit) can stand in its way.
seed || { echo "✗ could not create the test party in messages-service" >&2; status=1; }
echo "==> schemathesis $VERSION: accounts-service ($ACCOUNTS_URL)"
run_logged accounts "${accounts[@]}" || status=1
echo "==> schemathesis $VERSION: messages-service ($MESSAGES_URL), generated ids"
run_logged messages "${messages[@]}" || status=1
echo "==> schemathesis $VERSION: messages-service ($MESSAGES_URL), a real party, topic, message and member"
if [ -f "$WORK/seeded.toml" ]; then run_logged messages-seeded "${seeded[@]}" || status=1; fi

# Operations that passed every check and those that failed one, in the shape of a Vitest JSON report, so
# the closing summary of `make test` counts them.
"$VENV/bin/python" - "$REPORT" "$WORK/accounts.xml" "$WORK/messages.xml" "$WORK/messages-seeded.xml" <<'PY'
import json, os, sys
import xml.etree.ElementTree as ET

report, *files = sys.argv[1:]
passed = failed = 0
for path in files:
    if not os.path.exists(path):
        failed += 1  # the run of that service did not even start
        continue
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        else:
            passed += 1
json.dump({"numPassedTests": passed, "numFailedTests": failed, "numPendingTests": 0, "numTodoTests": 0},
          open(report, "w"))
print(f"schemathesis — operations: {passed} without a failure, {failed} with one")
PY
exit "$status"
