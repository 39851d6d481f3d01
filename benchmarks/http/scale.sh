#!/usr/bin/env bash
# Two reference hosts on one PostgreSQL database against one, behind the same wrk load (same threads and
# connections; with two hosts wrk's thread i talks to host i). Each host is pinned to its own core (taskset), so
# "two" adds a core's worth of host the way a second machine would; wrk and PostgreSQL are not pinned.
# Endpoints: /health/live (the machine's ceiling for a trivial request), reco/mrz save=true (database writes),
# reco/id save=true with a passport photo (reading, and the photo into the database blob store) and ingest of a
# 5 MiB PDF (a large file streamed into the blob store in 256 KiB pieces); the two heavy ones with 8 connections.
# Usage: benchmarks/http/scale.sh [seconds] [result folder]   (writes scale-<hosts>-<key>.json there)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-15}"
out="${2:-}"
ports=(5201 5202)
work=$(mktemp -d)
# shellcheck source=host.sh
source "$here/host.sh"
trap 'bench_cleanup; rm -rf "$work"' EXIT
[ -n "$out" ] || out="$work/results"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is required (util-linux)" >&2; exit 1; }
[ -f "$HOST_DLL" ] && [ "${BENCH_NO_BUILD:-0}" = 1 ] || dotnet build "$BENCH_ROOT/samples/ReferenceHost" -c Release -nologo -clp:ErrorsOnly >/dev/null
cores=$(nproc)

python3 "$here/fixtures.py" "$work/fixtures" --photo --pdf-mib 5
# Both hosts share the database, the token key and the data-protection keys (the keys folder), as a farm would.
host_config postgresql "$work/host"
TOKEN=$(host_token documents:submit)
export TOKEN

run() {
  local hosts=$1 list=""
  local i
  for ((i = 0; i < hosts; i++)); do list+="${list:+,}127.0.0.1:${ports[$i]}"; done
  local warm=$(( seconds / 5 > 1 ? seconds / 5 : 1 ))
  BENCH_HOSTS="$list" BENCH_METHOD=POST BENCH_BODY="$work/fixtures/reco-mrz-save.json" BENCH_CONTENT_TYPE=application/json \
    wrk -s "$here/request.lua" -t2 -c32 -d"${warm}s" "http://${list%%,*}/api/v1/reco/mrz" >/dev/null
  local key label url connections
  for key in live reco_mrz_save reco_id_save ingest_5mib; do
    connections=32
    case "$key" in
      live)
        label="GET /health/live, $hosts host(s)"; url="http://${list%%,*}/health/live"
        export BENCH_METHOD=GET BENCH_BODY="" BENCH_CONTENT_TYPE="" ;;
      reco_mrz_save)
        label="POST reco/mrz save=true, $hosts host(s)"; url="http://${list%%,*}/api/v1/reco/mrz"
        export BENCH_METHOD=POST BENCH_BODY="$work/fixtures/reco-mrz-save.json" BENCH_CONTENT_TYPE=application/json ;;
      reco_id_save)
        connections=8
        label="POST reco/id photo save=true, $hosts host(s)"; url="http://${list%%,*}/api/v1/reco/id"
        export BENCH_METHOD=POST BENCH_BODY="$work/fixtures/reco-id.json" BENCH_CONTENT_TYPE=application/json ;;
      ingest_5mib)
        connections=8
        label="POST ingest 5 MiB PDF, $hosts host(s)"; url="http://${list%%,*}/api/v1/ingest"
        export BENCH_METHOD=POST BENCH_BODY="$work/fixtures/ingest-5MiB.body" BENCH_CONTENT_TYPE="multipart/form-data; boundary=$(cat "$work/fixtures/ingest.boundary")" ;;
    esac
    BENCH_HOSTS="$list" wrk_run "$out/scale-$hosts-$key.json" \
      "\"key\":\"$key\",\"label\":\"$label\",\"provider\":\"postgresql\",\"threads\":2,\"connections\":$connections,\"host_count\":$hosts" \
      -t2 -c"$connections" -d"${seconds}s" --latency --timeout 30s "$url"
    print_result "$out/scale-$hosts-$key.json"
  done
}

print_header
host_start "${ports[0]}" "$work/host-1.log" 0
run 1
host_start "${ports[1]}" "$work/host-2.log" $(( cores > 1 ? 1 : 0 ))
run 2

# Two hosts against one, per endpoint: the ratio the issue asks for (goal 1.6x on a machine with a core per host).
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
for key in ("live", "reco_mrz_save", "reco_id_save", "ingest_5mib"):
    try:
        one = json.load(open(os.path.join(out, f"scale-1-{key}.json")))
        two = json.load(open(os.path.join(out, f"scale-2-{key}.json")))
    except FileNotFoundError:
        continue
    print(f"{key}: one host {one['rps']:.1f} req/s, two hosts {two['rps']:.1f} req/s, ratio {two['rps'] / one['rps']:.2f}x")
PY
