#!/usr/bin/env bash
# Measures the project's performance side by side with its peers, on this machine, in one go, and writes
# artifacts/bench/report.md with SVG charts (artifacts/bench/charts), each figure next to its target.
#   micro   BenchmarkDotNet (in process): MRZ, IBAN/BIC, name matching, data URIs, status, webhook signing
#           against bare HMAC-SHA256, token authentication
#   peers   npm mrz, ibantools and standardwebhooks under Node on the same inputs; ratios peer / ours
#   ocr     the in-process reader against the tesseract command per request (BenchmarkDotNet)
#   http    wrk on 127.0.0.1 against the reference host, SQLite then PostgreSQL, next to /health/live
#   scale   two hosts on one PostgreSQL against one, same load
#   memory  peak working set while ingesting 25 MiB PDFs concurrently, against the file size
#   faces   one face comparison warm (BenchmarkDotNet): decode, detect, align and describe a document photo and a
#           selfie, then compare; target at most 150 ms on 2 cores (needs scripts/install.sh test for the photos)
#   reading the PaddleOCR reader on real photos: tools/ReadingEval over a folder with a manifest.json
#           (default ../shared/real-photos; set VERIFICATION_PHOTOS to measure another set): zones exact,
#           wrong zones flagged or silently passing, genuine documents called fraudulent, time per photo (warm);
#           in a full run also the same photos made harder (ReadingEval --variants: turned a quarter or askew, 60 %, tilted, blurred and
#           compressed, far away, saved again as JPEG, under a glare), accuracy only
# Usage: ./bench.sh [--quick] [--only micro,peers,ocr,http,scale,memory,faces,reading]
#   --quick   short durations and few iterations: checks that everything runs; the figures mean little.
#   (default) the full run: about 15 to 20 minutes on 2 cores.
# Installs what is missing from Debian's packages like test.sh does. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

mode=full
only="micro,peers,ocr,http,scale,memory,faces,reading"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --only) only=$2; shift ;;
    --only=*) only=${1#--only=} ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$only," == *",$1,"* ]]; }

if [ "$mode" = quick ]; then
  micro_job=(--launchCount 1 --warmupCount 2 --iterationCount 3 --iterationTime 100)
  ocr_iterations=3; wrk_seconds=3; scale_seconds=4; memory_args=(25 2 1); sign_iterations=20000; peer_rounds=(3 10000)
else
  micro_job=(--launchCount 1 --warmupCount 3 --iterationCount 10)
  ocr_iterations=15; wrk_seconds=15; scale_seconds=20; memory_args=(25 4 3); sign_iterations=200000; peer_rounds=(7 50000)
fi

out="$root/artifacts/bench"
raw="$out/raw"
logs="$out/logs"
rm -rf "$out"
mkdir -p "$raw" "$logs"

log() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Each section runs in its own process group (job control), so stopping the script stops all of it: the
# section's own EXIT traps stop the hosts it started and drop its databases.
set -m
current=""
stop_section() {
  if [ -n "$current" ]; then
    kill -TERM -- "-$current" 2>/dev/null || true
    wait "$current" 2>/dev/null || true
    current=""
  fi
}
trap stop_section EXIT
trap 'exit 130' INT TERM

failed=()
section() {
  local name=$1
  shift
  log "$name (log: artifacts/bench/logs/$name.log)"
  local started=$SECONDS
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$raw/load-$name-start"
  ( set -euo pipefail; "$@" ) >"$logs/$name.log" 2>&1 &
  current=$!
  if wait "$current"; then
    echo "    done in $((SECONDS - started)) s"
  else
    failed+=("$name")
    echo "    FAILED after $((SECONDS - started)) s; the end of its log:" >&2
    tail -n 15 "$logs/$name.log" >&2
  fi
  current=""
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$raw/load-$name-end"
}

# --- tools ---------------------------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
fc-list 2>/dev/null | grep -i "ocr-b\|ocrb" >/dev/null || need_apt+=(fonts-ocr-b)
command -v convert >/dev/null 2>&1 || need_apt+=(imagemagick)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v taskset >/dev/null 2>&1 || need_apt+=(util-linux)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }

# --- the machine -----------------------------------------------------------------------------------------------
python3 - "$raw/machine.json" "$mode" "$*" <<'PY'
import json, os, platform, re, subprocess, sys, datetime
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip() or \
               subprocess.run(cmd, capture_output=True, text=True, timeout=30).stderr.strip()
    except Exception:
        return ""
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
runtimes = [l for l in run("dotnet", "--list-runtimes").splitlines() if l.startswith("Microsoft.NETCore.App")]
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "mode": sys.argv[2],
    "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem / 1048576, 1),
    "os": (run("sh", "-c", ". /etc/os-release && echo $PRETTY_NAME") + " / Linux " + platform.release()).strip(),
    "dotnet_sdk": run("dotnet", "--version"),
    "dotnet_runtime": runtimes[-1].split()[1] if runtimes else "",
    "node": run("node", "--version"),
    "wrk": (run("wrk", "-v").splitlines() or [""])[0],
    "postgresql": run("sh", "-c", "ls /usr/lib/postgresql | sort -V | tail -n 1"),
    "tesseract": (run("tesseract", "--version").splitlines() or [""])[0],
    "commit": run("git", "rev-parse", "--short", "HEAD"),
    "load_start": open("/proc/loadavg").read().split()[:3],
}, open(sys.argv[1], "w"), indent=1)
PY

log "Building (Release)"
dotnet build benchmarks/Verification.Benchmarks -c Release -nologo -clp:ErrorsOnly >"$logs/build.log" 2>&1 \
  && dotnet build samples/ReferenceHost -c Release -nologo -clp:ErrorsOnly >>"$logs/build.log" 2>&1 \
  || { tail -n 30 "$logs/build.log" >&2; exit 1; }
bdn="$root/benchmarks/Verification.Benchmarks/bin/Release/net10.0/Verification.Benchmarks.dll"
export BENCH_NO_BUILD=1

# --- sections ----------------------------------------------------------------------------------------------------
micro() {
  # In process: the numbers match out-of-process runs within the noise and no project has to be generated and built.
  dotnet "$bdn" --filter 'Verification.Benchmarks.Documents.*' 'Verification.Benchmarks.Keys.*' 'Verification.Benchmarks.Webhooks.*' \
    --inProcess "${micro_job[@]}" --exporters json --artifacts "$raw/micro"
}

peers() {
  local dir
  for dir in peers peers-webhooks; do
    # The registry is only needed once; a node_modules folder already installed from the lock file is reused.
    [ -d "benchmarks/$dir/node_modules" ] || (cd "benchmarks/$dir" && npm ci --no-audit --no-fund --silent)
  done
  (cd benchmarks/peers && node bench.js "${peer_rounds[@]}") >"$raw/peers-npm.json"
  local p
  for p in peers/node_modules/mrz peers/node_modules/ibantools peers-webhooks/node_modules/standardwebhooks; do
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["name"] + "@" + d["version"])' "benchmarks/$p/package.json"
  done >"$raw/peers-versions.txt"
  (cd benchmarks/peers-webhooks && node sign-bench.js "$sign_iterations") >"$raw/peers-standardwebhooks.json"
  cat "$raw/peers-npm.json" "$raw/peers-standardwebhooks.json"
}

ocr() {
  VERIFICATION_BENCH_OCR_ITERATIONS=$ocr_iterations dotnet "$bdn" --filter '*ReadingBenchmarks*' --exporters json --artifacts "$raw/ocr"
}

http() {
  benchmarks/http/load.sh sqlite "$wrk_seconds" "$raw/http"
  BENCH_PORT=5092 benchmarks/http/load.sh postgresql "$wrk_seconds" "$raw/http"
}

scale() { benchmarks/http/scale.sh "$scale_seconds" "$raw/scale"; }

memory() { benchmarks/http/memory.sh "${memory_args[@]}" "$raw/memory.json"; }

faces() {
  VERIFICATION_MODELS="${VERIFICATION_MODELS:-$root/artifacts/models}" scripts/install.sh test
  VERIFICATION_MODELS="${VERIFICATION_MODELS:-$root/artifacts/models}" dotnet "$bdn" --filter '*FaceBenchmarks*' --inProcess "${micro_job[@]}" --exporters json --artifacts "$raw/faces"
  { printf 'load average at the start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"; grep -h -A3 '| Method' "$raw"/faces/results/*-report-github.md 2>/dev/null || true
    # CPU time as well: on a loaded machine the wall time above counts the waits for a core.
    VERIFICATION_MODELS="${VERIFICATION_MODELS:-$root/artifacts/models}" dotnet "$bdn" faces-cpu "$([ "$mode" = quick ] && echo 5 || echo 20)"; } >"$raw/faces.txt"
}

reading() {
  local photos="${VERIFICATION_PHOTOS:-$root/../shared/real-photos}"
  [ -f "$photos/manifest.json" ] || { echo "no manifest.json in $photos: set VERIFICATION_PHOTOS" >&2; return 1; }
  VERIFICATION_MODELS="${VERIFICATION_MODELS:-$root/artifacts/models}" scripts/install.sh run
  dotnet build tools/ReadingEval -c Release -nologo -clp:ErrorsOnly
  # Each photo read three times (once with --quick), its time the median: this machine's speed varies from one
  # reading to the next; the verdicts are the first reading's.
  local repeat=3
  [ "$mode" = full ] || repeat=1
  dotnet tools/ReadingEval/bin/Release/net10.0/ReadingEval.dll "$photos" "${VERIFICATION_MODELS:-$root/artifacts/models}/paddleocr" --repeat "$repeat" >"$raw/reading.txt"
  tail -n 4 "$raw/reading.txt"
  if [ "$mode" = full ]; then
    # The same set made harder (turned, smaller, tilted, blurred and compressed, far away): accuracy only, so the
    # search is not cut short by the clock. The variants are written under artifacts/bench (never committed).
    dotnet tools/ReadingEval/bin/Release/net10.0/ReadingEval.dll "$photos" --variants "$raw/reading-variants" >/dev/null
    dotnet tools/ReadingEval/bin/Release/net10.0/ReadingEval.dll "$raw/reading-variants" "${VERIFICATION_MODELS:-$root/artifacts/models}/paddleocr" --budget 20 >"$raw/reading-variants.txt"
    rm -rf "$raw/reading-variants"
    tail -n 5 "$raw/reading-variants.txt"
  fi
}

for name in micro peers ocr http scale memory faces reading; do
  if wants "$name"; then section "$name" "$name"; fi
done

python3 - "$raw/machine.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["load_end"] = open("/proc/loadavg").read().split()[:3]
json.dump(m, open(sys.argv[1], "w"), indent=1)
PY
if [ ${#failed[@]} -gt 0 ]; then printf '%s\n' "${failed[@]}" >"$raw/failed-sections"; fi

log "Report"
python3 benchmarks/report/report.py "$out"
if [ -f "$raw/faces.txt" ]; then
  { printf '\n## Face match (one comparison warm: detect, align and describe a 1300 x 1002 document photo and a 670 x 893 selfie; target 150 ms)\n\n```\n'; cat "$raw/faces.txt"; printf '```\n'; } >>"$out/report.md"
fi
if [ -f "$raw/reading.txt" ]; then
  { printf '\n## Reading real photos (tools/ReadingEval, %s)\n\n```\n' "${VERIFICATION_PHOTOS:-../shared/real-photos}"; cat "$raw/reading.txt"; printf '```\n'; } >>"$out/report.md"
fi
if [ -f "$raw/reading-variants.txt" ]; then
  { printf '\n## Reading the same photos made harder (ReadingEval --variants; accuracy only, --budget 20)\n\n```\n'; tail -n 5 "$raw/reading-variants.txt"; printf '```\n'; } >>"$out/report.md"
fi
echo "    $out/report.md"
[ ${#failed[@]} -eq 0 ] || { echo "failed sections: ${failed[*]} (see artifacts/bench/logs)" >&2; exit 1; }
