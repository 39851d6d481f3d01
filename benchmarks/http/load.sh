#!/usr/bin/env bash
# Load test of one reference host with wrk on 127.0.0.1 (bounded duration per endpoint), next to a trivial
# endpoint of the same host and middleware (/health/live) in the same run: reco/mrz without and with save,
# GET verifications/{id}, reco/id with a passport photo (OCR), ingest of a 5 MiB PDF.
# Usage: benchmarks/http/load.sh [sqlite|postgresql] [seconds] [result folder]
# Prints a table; with a result folder, writes one JSON per endpoint there (http-<storage>-<key>.json).
# Needs wrk, ImageMagick and the OCR-B font (the photo), PostgreSQL for postgresql (started like test.sh does).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
provider="${1:-sqlite}"
seconds="${2:-15}"
out="${3:-}"
port="${BENCH_PORT:-5091}"
work=$(mktemp -d)
# shellcheck source=host.sh
source "$here/host.sh"
trap 'bench_cleanup; rm -rf "$work"' EXIT
[ -n "$out" ] || out="$work/results"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
[ -f "$HOST_DLL" ] && [ "${BENCH_NO_BUILD:-0}" = 1 ] || dotnet build "$BENCH_ROOT/samples/ReferenceHost" -c Release -nologo -clp:ErrorsOnly >/dev/null

python3 "$here/fixtures.py" "$work/fixtures" --photo --pdf-mib 5
host_config "$provider" "$work/host"
TOKEN=$(host_token documents:submit,verifications:read:metadata)
export TOKEN
host_start "$port" "$work/host.log"
base="http://127.0.0.1:$port"

# One stored verification to read back.
curl -sf -X POST "$base/api/v1/reco/mrz" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -H "X-Correlation-ID: BENCH-READ-1" --data-binary @"$work/fixtures/reco-mrz-save.json" >/dev/null

# measure <key> <label> <threads> <connections> <url> [extra wrk arguments]; the request comes from BENCH_*.
measure() {
  local key=$1 label=$2 threads=$3 connections=$4 url=$5
  shift 5
  local result="$out/http-$provider-$key.json"
  wrk_run "$result" "\"key\":\"$key\",\"label\":\"$label\",\"provider\":\"$provider\",\"threads\":$threads,\"connections\":$connections" \
    -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url"
  print_result "$result"
}

json() { BENCH_METHOD=POST BENCH_BODY="$work/fixtures/$1" BENCH_CONTENT_TYPE=application/json; }
export BENCH_METHOD BENCH_BODY BENCH_CONTENT_TYPE

# Warm-up (JIT, connection pools, the OCR pool), not recorded.
warm=$(( seconds / 5 > 1 ? seconds / 5 : 1 ))
BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE="" wrk -s "$here/request.lua" -t2 -c32 -d"${warm}s" "$base/health/live" >/dev/null
BENCH_METHOD=POST BENCH_BODY="$work/fixtures/reco-mrz-save.json" BENCH_CONTENT_TYPE=application/json \
  wrk -s "$here/request.lua" -t2 -c32 -d"${warm}s" "$base/api/v1/reco/mrz" >/dev/null
BENCH_METHOD=POST BENCH_BODY="$work/fixtures/reco-id.json" BENCH_CONTENT_TYPE=application/json \
  wrk -s "$here/request.lua" -t1 -c2 -d"${warm}s" --timeout 30s "$base/api/v1/reco/id" >/dev/null

print_header
BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE=""
measure live "GET /health/live (trivial)" 2 32 "$base/health/live"
json reco-mrz.json
measure reco_mrz "POST reco/mrz" 2 32 "$base/api/v1/reco/mrz"
json reco-mrz-save.json
measure reco_mrz_save "POST reco/mrz save=true" 2 32 "$base/api/v1/reco/mrz"
BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE=""
measure get_verification "GET verifications/{id}" 2 32 "$base/api/v1/verifications/BENCH-READ-1"
json reco-id.json
measure reco_id "POST reco/id (photo, OCR)" 1 4 "$base/api/v1/reco/id" --timeout 30s
BENCH_METHOD=POST BENCH_BODY="$work/fixtures/ingest-5MiB.body" BENCH_CONTENT_TYPE="multipart/form-data; boundary=$(cat "$work/fixtures/ingest.boundary")"
measure ingest_5mib "POST ingest (5 MiB PDF)" 1 4 "$base/api/v1/ingest" --timeout 30s
