#!/usr/bin/env bash
# Regenerates the OCR-B reference sheet of the zone's glyph classifier:
#   src/Verification.Reading.Tesseract/Resources/ocrb-glyphs.png
# Three lines of the 37 characters of a machine-readable zone (A-Z, 0-9, <) in OCR-B at three sizes.
# The reader cuts and normalises them with the same code it uses on photos, so the sheet only has
# to be a clean rendering. Needs: imagemagick, fonts-ocr-b.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../src/Verification.Reading.Tesseract/Resources/ocrb-glyphs.png"
font="${OCRB_FONT:-/usr/share/fonts/opentype/ocr-b/OCRB.otf}"
[ -f "$font" ] || { echo "OCR-B font not found: $font (apt-get install fonts-ocr-b)" >&2; exit 1; }
chars='ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'
convert -size 1500x330 xc:white -font "$font" -fill black \
  -pointsize 30 -annotate +20+60 "$chars" \
  -pointsize 40 -annotate +20+160 "$chars" \
  -pointsize 52 -annotate +20+290 "$chars" \
  -colorspace Gray -depth 8 -strip "PNG8:$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
