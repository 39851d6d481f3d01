#!/usr/bin/env bash
# Load test of the reference host with wrk on 127.0.0.1 (bounded duration): reco/mrz with and without save,
# next to a trivial endpoint (/health/live) of the same host in the same run.
# Usage: benchmarks/http/load.sh [sqlite|postgresql] [seconds]   (PostgreSQL: started like test.sh does)
set -euo pipefail
cd "$(dirname "$0")/../.."
provider="${1:-sqlite}"
seconds="${2:-15}"
port=5091
work=$(mktemp -d)
trap 'kill $host 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
dotnet build samples/ReferenceHost -c Release -nologo -clp:ErrorsOnly >/dev/null

args=(--Verification:Demo:Seed=false --Verification:RateLimits:PermitsPerSecond=1000000 --Verification:RateLimits:Burst=1000000
      --Verification:DataProtection:KeysPath="$work/keys" --Verification:Blobs:Path="$work/blobs" --Logging:LogLevel:Default=Warning)
if [ "$provider" = "postgresql" ]; then
  source scripts/postgres.sh
  start_postgres
  db="verification_load_$$"
  su postgres -c "createdb -O $PG_USER $db"
  args+=(--Verification:Storage:Provider=PostgreSql "--ConnectionStrings:Verification=${PG_CONNECTION_STRING/Database=$PG_DATABASE/Database=$db}")
  trap 'kill $host 2>/dev/null || true; rm -rf "$work"; su postgres -c "dropdb --if-exists $db" || true' EXIT
else
  args+=("--ConnectionStrings:Verification=Data Source=$work/verification.db")
fi

bin=samples/ReferenceHost/bin/Release/net10.0/ReferenceHost.dll
run() { (cd samples/ReferenceHost && dotnet "../../$bin" "$@"); }
run admin migrate "${args[@]}" >/dev/null
run admin create-service-user --name load --source-system bench "${args[@]}" >/dev/null
TOKEN=$(run admin mint-token --service-user load --scopes documents:submit "${args[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN

(cd samples/ReferenceHost && exec dotnet "../../$bin" --urls "http://127.0.0.1:$port" "${args[@]}") >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done

measure() {
  local name=$1; shift
  local out
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$@" 2>&1)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  printf '| %-28s | %-10s | %10s | %8s | %8s | %6s |\n' "$name" "$provider" "$rps" "$p50" "$p99" "$non2xx"
}

printf '| %-28s | %-10s | %10s | %8s | %8s | %6s |\n' endpoint storage "req/s" p50 p99 errors
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------------------ ------------ ------------ ---------- ---------- --------
measure "GET /health/live (trivial)" "http://127.0.0.1:$port/health/live"
SAVE=false measure "POST reco/mrz" -s benchmarks/http/reco-mrz.lua "http://127.0.0.1:$port/api/v1/reco/mrz"
SAVE=true measure "POST reco/mrz save=true" -s benchmarks/http/reco-mrz.lua "http://127.0.0.1:$port/api/v1/reco/mrz"
