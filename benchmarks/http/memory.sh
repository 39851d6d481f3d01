#!/usr/bin/env bash
# Peak working set of one reference host while it ingests large PDFs concurrently, against the file size.
# The host starts, takes a few warm-up requests (one ingest of the same size included), then its peak resident set
# (VmHWM) is reset and several rounds of concurrent uploads run; the growth of the peak over the idle working set
# is divided by the bytes in flight (concurrency x file size).
# Usage: benchmarks/http/memory.sh [file MiB] [concurrent uploads] [rounds] [result json]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mib="${1:-25}"
concurrency="${2:-4}"
rounds="${3:-3}"
result="${4:-}"
port=5211
work=$(mktemp -d)
# shellcheck source=host.sh
source "$here/host.sh"
trap 'bench_cleanup; rm -rf "$work"' EXIT

[ -f "$HOST_DLL" ] && [ "${BENCH_NO_BUILD:-0}" = 1 ] || dotnet build "$BENCH_ROOT/samples/ReferenceHost" -c Release -nologo -clp:ErrorsOnly >/dev/null
python3 "$here/fixtures.py" "$work/fixtures" --pdf-mib "$mib"
body="$work/fixtures/ingest-${mib}MiB.body"
boundary=$(cat "$work/fixtures/ingest.boundary")
file_bytes=$(stat -c %s "$work/fixtures/document-${mib}MiB.pdf")
limit=$(( (mib + 8) * 1024 * 1024 ))

host_config sqlite "$work/host" --Verification:Limits:MaxFileBytes=$limit --Verification:Limits:MaxRequestBytes=$(( limit * 2 ))
TOKEN=$(host_token documents:submit)
host_start "$port" "$work/host.log"
pid=$HOST_PID

upload() {
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$port/api/v1/ingest" -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: multipart/form-data; boundary=$boundary" --data-binary @"$body"
}
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$pid/status"; }

# Warm-up: the ingest path, its buffers and the JIT, one upload at a time.
for _ in 1 2; do upload >/dev/null; done
sleep 2
idle=$(kib VmRSS)
# Reset the peak (VmHWM) to the current resident set: the peak below is the one of the concurrent uploads.
echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true

codes="$work/codes"
: >"$codes"
sampled=0
start=$(date +%s%N)
for ((round = 0; round < rounds; round++)); do
  uploads=()
  for ((i = 0; i < concurrency; i++)); do upload >>"$codes" & uploads+=($!); done
  # Sample the resident set while the uploads run (a fallback when VmHWM cannot be reset).
  while running=0; for u in "${uploads[@]}"; do kill -0 "$u" 2>/dev/null && running=1; done; [ "$running" = 1 ]; do
    now=$(kib VmRSS); [ "$now" -gt "$sampled" ] && sampled=$now
    sleep 0.05
  done
  for u in "${uploads[@]}"; do wait "$u" || true; done
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
peak=$(kib VmHWM)
[ "$sampled" -gt "$peak" ] && peak=$sampled
ok=$(grep -c '^201$' "$codes" || true)
total=$(wc -l <"$codes")

python3 - "$idle" "$peak" "$file_bytes" "$concurrency" "$rounds" "$ok" "$total" "$elapsed_ms" "${result:-}" <<'PY'
import json, sys
idle, peak, file_bytes, concurrency, rounds, ok, total = (int(v) for v in sys.argv[1:8])
elapsed = int(sys.argv[8]) / 1000
growth = (peak - idle) * 1024
r = {
    "file_bytes": file_bytes, "concurrency": concurrency, "rounds": rounds, "uploads_ok": ok, "uploads": total,
    "seconds": round(elapsed, 2), "idle_kib": idle, "peak_kib": peak, "growth_bytes": growth,
    "growth_per_upload_over_file": round(growth / (concurrency * file_bytes), 2),
    "peak_over_file": round(peak * 1024 / file_bytes, 2),
}
print(f"{concurrency} concurrent uploads of {file_bytes / 1048576:.1f} MiB x {rounds} rounds: {ok}/{total} stored in {elapsed:.1f} s; "
      f"working set idle {idle / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB, growth {growth / 1048576:.0f} MiB = "
      f"{r['growth_per_upload_over_file']}x the file size per upload in flight")
if sys.argv[9]:
    json.dump(r, open(sys.argv[9], "w"))
PY
