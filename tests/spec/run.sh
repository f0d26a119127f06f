#!/usr/bin/env bash
# Checks a running renkei against its own served OpenAPI document with Schemathesis:
# every response's status code, content type, headers and body must be the ones the
# spec documents, and no request may cause a 5xx. See README.md beside this file.
#
#   tests/spec/run.sh http://127.0.0.1:8080/api
#
# Exit status: 0 when every check passed, 1 when any failed, 124 when the time limit
# ran out, 2 on a usage or setup error.
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
    echo "usage: $0 BASE_URL   (the API's base, e.g. http://127.0.0.1:8080/api)" >&2
    exit 2
fi
base="${1%/}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

schemathesis_version=4.32.5
venv="${RENKEI_SPEC_VENV:-$HOME/.cache/renkei-spec-venv}"
max_examples="${RENKEI_SPEC_MAX_EXAMPLES:-100}"
time_limit="${RENKEI_SPEC_TIME_LIMIT:-230}"
report_dir="${RENKEI_SPEC_REPORT_DIR:-$(mktemp -d -t renkei-spec.XXXXXX)}"
facility_key="${RENKEI_SPEC_FACILITY_KEY:-}"
entry_point="${RENKEI_SPEC_ENTRY_POINT:-}"
session_cookie="${RENKEI_SPEC_COOKIE:-}"

# The pinned Schemathesis, in its own venv, installed once.
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $schemathesis_version"; then
    echo "spec: installing schemathesis $schemathesis_version into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi

mkdir -p "$report_dir"
report_dir="$(cd "$report_dir" && pwd)"

# Writes that carry a session cookie must name their origin; this harness sends no
# cookie, so the header changes nothing but keeps the requests like a browser's.
args=(
    run "$base/openapi.json"
    --url "$base"
    --header 'Sec-Fetch-Site: same-origin'
    --phases examples,coverage,fuzzing,stateful
    --mode all
    --checks all
    --max-examples "$max_examples"
    --seed 1
    --generation-deterministic
    --continue-on-failure
    --workers 1
    --request-timeout 10
    --wait-for-schema 30
    --no-color
    --report junit,json,ndjson
    --report-dir "$report_dir"
)
if [[ -n "$session_cookie" ]]; then
    # Signing out would end the resident's session halfway through the run, so those
    # operations are left out.
    args+=(--exclude-path-regex 'sign-out')
fi
if [[ -n "$facility_key$session_cookie" ]]; then
    args+=(--output-sanitize true)
else
    # Nothing secret is sent: show request bodies whole so reproductions work as printed.
    args+=(--output-sanitize false)
fi

# The checks' settings (schemathesis.toml beside this script), and, with an entry point,
# that entry point's code for GET /entry-points/{code} and its qr.svg (200 rather than 404).
cfg="$report_dir/schemathesis.toml"
cp "$here/schemathesis.toml" "$cfg"
if [[ -n "$entry_point" ]]; then
    printf '\n[[operations]]\ninclude-path-regex = "^/entry-points/"\nparameters = { "path.code" = "%s" }\n' \
        "$entry_point" >>"$cfg"
fi
# Credentials through the spec's own security schemes, so that Schemathesis sends them where
# an operation asks for them, and leaves them out when it checks that a request without them
# is refused: a facility key (renkei admin facility key create) for /fhir and /jahis, and a
# resident's session (the cookie's value) for the /me operations.
if [[ -n "$facility_key" ]]; then
    export RENKEI_SPEC_BEARER="$facility_key"
    printf '\n[auth.openapi.FacilityKey]\nbearer = "${RENKEI_SPEC_BEARER}"\n' >>"$cfg"
fi
if [[ -n "$session_cookie" ]]; then
    export RENKEI_SPEC_SESSION="${session_cookie#*=}"
    printf '\n[auth.openapi.ResidentSession]\napi_key = "${RENKEI_SPEC_SESSION}"\n' >>"$cfg"
fi
config=(--config-file "$cfg")

echo "spec: checking $base (reports in $report_dir, limit ${time_limit}s)" >&2
started=$SECONDS
set +e
# Run from the report folder: Schemathesis keeps a cache (.schemathesis/) where it runs.
(cd "$report_dir" && timeout --kill-after=10 "$time_limit" "$venv/bin/schemathesis" "${config[@]}" "${args[@]}")
status=$?
set -e
elapsed=$((SECONDS - started))

if [[ $status -eq 124 || $status -eq 137 ]]; then
    echo "spec: stopped by the ${time_limit}s time limit after ${elapsed}s" >&2
    exit 124
fi

# One closing line, counted by operation: an operation failed when any check failed on it.
report="$(ls -t "$report_dir"/json-*.json 2>/dev/null | head -n 1 || true)"
if [[ -n "$report" ]]; then
    "$venv/bin/python" - "$report" "$elapsed" <<'EOF' || true
import json, sys
r = json.load(open(sys.argv[1]))
tested = (r.get("operations") or {}).get("tested") or 0
if tested:
    failed = {op for f in r.get("failures") or [] for op in f.get("operations") or []}
    print(f"spec: {len(failed)} of {tested} operations failed a check, in {sys.argv[2]}s")
    print(f"spec: {tested - len(failed)} passed, {len(failed)} failed")
else:
    print("spec: no operation was tested (is the server up at that address?)", file=sys.stderr)
EOF
fi
exit "$status"
