"""Tiny pure-Python PNG writer (zlib only): 8-bit grayscale, RGB and palette images."""
from __future__ import annotations

import struct
import zlib

import numpy as np


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png(pixels: np.ndarray, color_type: int, extra: bytes = b'') -> bytes:
    h, w = pixels.shape[:2]
    rows = np.ascontiguousarray(pixels, dtype=np.uint8).reshape(h, -1)
    raw = b''.join(b'\x00' + rows[i].tobytes() for i in range(h))  # filter 0 (None) per row
    ihdr = struct.pack('>IIBBBBB', w, h, 8, color_type, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + _chunk(b'IHDR', ihdr) + extra
            + _chunk(b'IDAT', zlib.compress(raw, 9)) + _chunk(b'IEND', b''))


def write_gray(path, img: np.ndarray) -> None:
    """img: uint8 [H,W]."""
    with open(path, 'wb') as f:
        f.write(_png(img, 0))


def write_rgb(path, img: np.ndarray) -> None:
    """img: uint8 [H,W,3]."""
    with open(path, 'wb') as f:
        f.write(_png(img, 2))


def write_palette(path, idx: np.ndarray, palette: list[tuple[int, int, int]]) -> None:
    """idx: uint8 [H,W] of palette indices (here: class ids); palette: list of (r,g,b)."""
    plte = _chunk(b'PLTE', bytes(c for rgb in palette for c in rgb))
    with open(path, 'wb') as f:
        f.write(_png(idx, 3, plte))
