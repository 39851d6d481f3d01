# Helpers to run reference hosts under load; sourced by bench.sh and the scripts of benchmarks/http.
# Every process started here is recorded in BENCH_PIDS and every database in BENCH_DBS: call bench_cleanup
# from an EXIT trap. Expects the host built in Release (dotnet build samples/ReferenceHost -c Release).

BENCH_ROOT="${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
HOST_DLL="$BENCH_ROOT/samples/ReferenceHost/bin/Release/net10.0/ReferenceHost.dll"
BENCH_PIDS=()
BENCH_DBS=()

bench_cleanup() {
  local pid db
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  for db in "${BENCH_DBS[@]}"; do
    su postgres -c "dropdb --if-exists $db" >/dev/null 2>&1 || true
  done
  BENCH_DBS=()
}

# host_config <sqlite|postgresql> <work folder> [extra host arguments...]: sets HOST_ARGS, the configuration
# the server and its admin commands share (a fresh database, keys and blobs in the work folder, rate limits out
# of the way, warnings only).
host_config() {
  local provider=$1 work=$2
  shift 2
  mkdir -p "$work"
  HOST_ARGS=(--Verification:Demo:Seed=false
    --Verification:RateLimits:PermitsPerSecond=1000000 --Verification:RateLimits:Burst=1000000
    --Verification:DataProtection:KeysPath="$work/keys" --Verification:Blobs:Path="$work/blobs"
    --Logging:LogLevel:Default=Warning "$@")
  if [ "$provider" = "postgresql" ]; then
    # shellcheck source=../../scripts/postgres.sh
    source "$BENCH_ROOT/scripts/postgres.sh"
    start_postgres >/dev/null
    local db="verification_bench_$$_${RANDOM}"
    su postgres -c "createdb -O $PG_USER $db"
    BENCH_DBS+=("$db")
    HOST_ARGS+=(--Verification:Storage:Provider=PostgreSql "--ConnectionStrings:Verification=${PG_CONNECTION_STRING/Database=$PG_DATABASE/Database=$db}")
  else
    HOST_ARGS+=("--ConnectionStrings:Verification=Data Source=$work/verification.db")
  fi
}

# host_admin <admin arguments...>: runs an admin command against HOST_ARGS' database.
host_admin() {
  (cd "$BENCH_ROOT/samples/ReferenceHost" && dotnet "$HOST_DLL" admin "$@" "${HOST_ARGS[@]}")
}

# host_token <scopes>: migrates, creates the service user "bench" once, prints a token with the scopes.
host_token() {
  host_admin migrate >/dev/null
  host_admin create-service-user --name bench --source-system bench >/dev/null 2>&1 || true
  host_admin mint-token --service-user bench --scopes "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# host_start <port> <log file> [cpu list for taskset]: starts a server with HOST_ARGS, sets HOST_PID, waits until
# /health/ready answers (at most 90 s; fails otherwise).
host_start() {
  local port=$1 log=$2 cpus=${3:-}
  local pin=()
  [ -n "$cpus" ] && pin=(taskset -c "$cpus")
  (cd "$BENCH_ROOT/samples/ReferenceHost" && exec "${pin[@]}" dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" "${HOST_ARGS[@]}") >"$log" 2>&1 &
  HOST_PID=$!
  BENCH_PIDS+=("$HOST_PID")
  local _
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$HOST_PID" 2>/dev/null; then
      echo "the host on port $port exited; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "the host on port $port is not ready after 90 s" >&2
  return 1
}

# host_stop <pid>: stops one host started by host_start.
host_stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=() pid
  for pid in "${BENCH_PIDS[@]}"; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  BENCH_PIDS=("${kept[@]}")
}

# wrk_run <result json> <meta json fragment> <wrk arguments...>: runs wrk with benchmarks/http/request.lua; the
# request comes from BENCH_METHOD, BENCH_BODY, BENCH_CONTENT_TYPE, TOKEN and BENCH_HOSTS (see request.lua).
# The result file holds wrk's figures plus the meta fragment (e.g. '"key":"x","label":"y"').
wrk_run() {
  local result=$1 meta=$2
  shift 2
  local raw="$result.wrk"
  BENCH_RESULT="$result.tmp" wrk -s "$BENCH_ROOT/benchmarks/http/request.lua" "$@" >"$raw" 2>&1 || { cat "$raw" >&2; return 1; }
  python3 - "$result.tmp" "$result" "$meta" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
data.update(json.loads("{" + sys.argv[3] + "}"))
json.dump(data, open(sys.argv[2], "w"))
PY
  rm -f "$result.tmp"
}

# print_result <result json>: one line of the table the load scripts print.
print_result() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
errors = sum(r["errors"].values())
print(f"| {r['label']:<34} | {r.get('provider', ''):<10} | {r['rps']:>10.1f} | {r['p50_ms']:>8.2f} | {r['p99_ms']:>8.2f} | {errors:>6} |")
PY
}

print_header() {
  printf '| %-34s | %-10s | %10s | %8s | %8s | %6s |\n' endpoint storage "req/s" "p50 ms" "p99 ms" errors
  printf '|%s|%s|%s|%s|%s|%s|\n' ------------------------------------ ------------ ------------ ---------- ---------- --------
}
