#!/usr/bin/env python3
"""Writes the request bodies of the HTTP benchmarks into a folder.

Usage: fixtures.py <folder> [--photo] [--pdf-mib 5 --pdf-mib 25 ...]

- reco-mrz.json / reco-mrz-save.json: the ICAO specimen passport's MRZ, save false / true;
- passport.jpg and reco-id.json: a 1250 x 880 passport photo drawn with ImageMagick like the OCR benchmark's
  (benchmarks/Verification.Benchmarks/Reading), as a data URI, save true;
- ingest-<n>MiB.body + ingest.boundary: multipart/form-data with the metadata part and a PDF of about
  n MiB (one page showing an image whose Flate stream holds incompressible noise), stored for manual review.
"""
import argparse
import base64
import json
import os
import random
import subprocess
import zlib

BOUNDARY = "----verification-bench-7c1e2a"
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def reco_mrz(save):
    return {"paramDict": {"mrz": MRZ, "userInput": {"firstName": "Anna", "lastName": "Eriksson"}, "save": save}}


LINE1 = "P<FRAMARTIN<<CLAIRE<ANNE<<<<<<<<<<<<<<<<<<<<"
LINE2 = "12AB345673FRA8001014F3001019<<<<<<<<<<<<<<<6"


def photo(path):
    subprocess.run([
        "convert", "-size", "1250x880", "xc:#f1ede2", "-font", "DejaVu-Sans", "-fill", "#2a2a3a", "-pointsize", "38",
        "-annotate", "+60+70", "PASSPORT / PASSEPORT", "-fill", "#bdb6a8", "-draw", "rectangle 60,120 370,500",
        "-fill", "#2a2a3a", "-pointsize", "34", "-annotate", "+420+200", "MARTIN", "-annotate", "+420+290", "CLAIRE ANNE",
        "-font", "/usr/share/fonts/opentype/ocr-b/OCRB.otf", "-fill", "#111111", "-pointsize", "34",
        "-annotate", "+50+770", LINE1, "-annotate", "+50+830", LINE2,
        "-background", "#5a5a5a", "-rotate", "1.2", "-gravity", "center", "-extent", "1250x880",
        "-blur", "0x0.6", "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "75", path,
    ], check=True)


def pdf(size):
    """A valid one-page PDF of about `size` bytes; the image is random grey pixels (seeded: same bytes every run)."""
    width = 2048
    height = max(1, (size - 2048) // width)
    pixels = random.Random(42).randbytes(width * height)
    image = zlib.compress(pixels, 0)  # stored deflate blocks: valid Flate data that does not shrink
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image)) + image + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def multipart(document):
    metadata = json.dumps({"source_tag": "bench", "document_category": "proof_of_address", "department": "retail"})
    return (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
        f"{metadata}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"document.pdf\"\r\n"
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + document + f"\r\n--{BOUNDARY}--\r\n".encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--photo", action="store_true")
    parser.add_argument("--pdf-mib", type=int, action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)

    def write(name, data):
        with open(os.path.join(args.folder, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

    write("reco-mrz.json", json.dumps(reco_mrz(False)))
    write("reco-mrz-save.json", json.dumps(reco_mrz(True)))
    if args.photo:
        path = os.path.join(args.folder, "passport.jpg")
        photo(path)
        with open(path, "rb") as f:
            uri = "data:image/jpeg;base64," + base64.b64encode(f.read()).decode()
        write("reco-id.json", json.dumps({"paramDict": {"files": [uri], "userInput": {"firstName": "Claire", "lastName": "Martin"}, "save": True}}))
    for mib in args.pdf_mib:
        document = pdf(mib * 1024 * 1024)
        write(f"document-{mib}MiB.pdf", document)
        write(f"ingest-{mib}MiB.body", multipart(document))
    write("ingest.boundary", BOUNDARY)


if __name__ == "__main__":
    main()
