#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, starts PostgreSQL, and runs every test project.
# Exits non-zero on any failure. Test projects run one after another (-m:1): the OCR, browser and
# process-kill suites are CPU-heavy and timing-sensitive on 2 cores. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n==> %s\n' "$*"; }

log "Installing what the tests need (scripts/install.sh test)"
export VERIFICATION_MODELS="${VERIFICATION_MODELS:-$PWD/artifacts/models}"
scripts/install.sh test

log "Starting PostgreSQL"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
start_postgres
export VERIFICATION_TEST_POSTGRES="$PG_CONNECTION_STRING"

command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }

log "Building"
dotnet build Verification.sln -c Release -nologo -clp:ErrorsOnly

log "Packing into artifacts/packages"
# tests/Packaging.Tests restores these into a fresh project outside the repository.
rm -rf artifacts/packages
dotnet pack Verification.sln -c Release --no-build -nologo -clp:ErrorsOnly -o artifacts/packages

log "Running tests"
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Verification.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@" || status=$?

# One closing line with the totals of every project.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None:
        continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
