#!/usr/bin/env bash
# Median time to read one 1250 x 880 passport photo: the warm in-process pool of
# Verification.Reading.Tesseract against running the `tesseract` command per request,
# side by side in one run, for one request and for two concurrent requests.
# Needs: tesseract-ocr tesseract-ocr-eng imagemagick fonts-ocr-b.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tesseract convert; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install tesseract-ocr tesseract-ocr-eng imagemagick fonts-ocr-b)" >&2; exit 1; }
done
dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*ReadingBenchmarks*' "$@"
