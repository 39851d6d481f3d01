-- One wrk script for every HTTP benchmark; the request comes from the environment:
--   BENCH_METHOD (GET), BENCH_BODY (a file sent as the body), BENCH_CONTENT_TYPE, TOKEN (bearer token),
--   BENCH_HOSTS ("127.0.0.1:5201,127.0.0.1:5202": wrk thread i talks to host i modulo the list, so one wrk
--   process with the same threads and connections drives one host or several),
--   BENCH_RESULT (a file: done() writes one JSON object there with req/s, p50, p99 and the errors).
local method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY") or ""
local content_type = os.getenv("BENCH_CONTENT_TYPE") or ""
local token = os.getenv("TOKEN") or ""

wrk.method = method
if body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
end
if content_type ~= "" then wrk.headers["Content-Type"] = content_type end
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

-- Spread the threads over the hosts (the main Lua state runs setup() once per thread, in order).
local hosts = {}
for entry in string.gmatch(os.getenv("BENCH_HOSTS") or "", "[^,]+") do
  local host, port = string.match(entry, "^(.+):(%d+)$")
  hosts[#hosts + 1] = wrk.lookup(host, port)[1]
end
local next_thread = 0

function setup(thread)
  if #hosts > 0 then
    thread.addr = hosts[(next_thread % #hosts) + 1]
    next_thread = next_thread + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local json = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.2f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"bytes":%d,"hosts":%d}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes, math.max(#hosts, 1))
  local out = os.getenv("BENCH_RESULT")
  if out and out ~= "" then
    local f = assert(io.open(out, "w"))
    f:write(json, "\n")
    f:close()
  else
    io.write(json, "\n")
  end
end
