#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, starts PostgreSQL, and runs every test project.
# Exits non-zero on any failure. Test projects run one after another (-m:1): the OCR, browser and
# process-kill suites are CPU-heavy and timing-sensitive on 2 cores. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n==> %s\n' "$*"; }

need_apt=()
# The back office's end-to-end tests drive a real headless Chromium.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
# OCR engine and what the reading tests generate their specimens with.
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
[ -d /usr/share/tesseract-ocr ] && ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-eng)
fc-list 2>/dev/null | grep -qi "ocr-b\|ocrb" || need_apt+=(fonts-ocr-b)
[ -x /usr/bin/convert ] || need_apt+=(imagemagick)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

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
