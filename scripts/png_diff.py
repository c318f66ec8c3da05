#!/usr/bin/env python3
"""Compares two screenshots pixel by pixel (8-bit RGB/RGBA PNGs as SIGAP writes them), with the
standard library only. Prints how many pixels differ and by how much; exit 0 when at most
MAX_PIXELS pixels differ, each by at most MAX_DELTA in every channel (default: identical).
    python3 scripts/png_diff.py A.png B.png [MAX_PIXELS MAX_DELTA]"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"{path}: only 8-bit RGB/RGBA, non-interlaced")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    (wa, ha, ca, a), (wb, hb, cb, b) = read_png(sys.argv[1]), read_png(sys.argv[2])
    if (wa, ha) != (wb, hb):
        print(f"png_diff: sizes differ: {wa}x{ha} and {wb}x{hb}")
        return 1
    max_pixels = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    max_delta = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    differing, delta = 0, 0
    for y in range(ha):
        for x in range(wa):
            pa, pb = a[y][x * ca:x * ca + 3], b[y][x * cb:x * cb + 3]
            if pa != pb:
                differing += 1
                delta = max(delta, max(abs(p - q) for p, q in zip(pa, pb)))
    print(f"png_diff: {wa}x{ha}, {differing} pixels differ, by at most {delta} per channel")
    return 0 if differing <= max_pixels and delta <= max_delta else 1

if __name__ == "__main__":
    sys.exit(main())
