#!/usr/bin/env bash
# Runs our document benchmarks (BenchmarkDotNet, short job) and the npm peers (mrz 5.0.2, ibantools 4.5.4)
# on the same inputs, then prints each figure and the ratio peer / ours.
# Usage: benchmarks/compare-peers.sh [extra BenchmarkDotNet arguments]
# The BenchmarkDotNet reports stay in $ARTIFACTS (default: a new temporary folder, printed at the end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
artifacts="${ARTIFACTS:-$(mktemp -d)}"

echo "== peers: npm install (benchmarks/peers) ==" >&2
(cd "$here/peers" && npm install --no-audit --no-fund --silent >/dev/null)
echo "== peers: node bench.js ==" >&2
peers_json="$(cd "$here/peers" && node bench.js)"

echo "== ours: BenchmarkDotNet (--job short) ==" >&2
(cd "$root" && dotnet run -c Release --project benchmarks/Verification.Benchmarks -- \
  --filter '*Documents*' --job short --exporters json --artifacts "$artifacts" "$@" >&2)

report="$(ls "$artifacts"/results/*-report-full-compressed.json 2>/dev/null || true)"
[ -n "$report" ] || report="$(ls "$artifacts"/results/*.json)"
PEERS="$peers_json" REPORTS="$report" node - <<'JS'
const fs = require('fs');
const peers = JSON.parse(process.env.PEERS);
const ours = {};
for (const file of process.env.REPORTS.split('\n').filter(Boolean)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const b of report.Benchmarks) {
    // MethodTitle is the [Benchmark(Description = ...)] name, shared with bench.js.
    const name = (b.MethodTitle || b.Method).replace(/'/g, '');
    ours[name] = { mean: b.Statistics.Mean, alloc: b.Memory ? b.Memory.BytesAllocatedPerOperation : null };
  }
}
const fmt = ns => ns >= 1e6 ? (ns / 1e6).toFixed(2) + ' ms' : ns >= 1e3 ? (ns / 1e3).toFixed(2) + ' us' : ns.toFixed(1) + ' ns';
console.log('benchmark'.padEnd(26) + 'ours'.padStart(12) + 'alloc'.padStart(10) + 'peer'.padStart(12) + 'peer/ours'.padStart(11));
for (const name of Object.keys(ours).sort()) {
  const o = ours[name];
  const p = peers[name];
  console.log(name.padEnd(26) + fmt(o.mean).padStart(12) + (o.alloc === null ? '-' : o.alloc + ' B').padStart(10)
    + (p === undefined ? '-' : fmt(p)).padStart(12) + (p === undefined ? '-' : (p / o.mean).toFixed(1) + 'x').padStart(11));
}
JS
echo "reports: $artifacts" >&2
