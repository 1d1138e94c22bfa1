"""Fashion-MNIST "scenes" for multi-class semantic segmentation.

A scene is a 96x96 single-channel canvas (uint8, 0..255; the networks see value/255 in 0..1) holding 2-5
Fashion-MNIST items, each rescaled to 28-56 px and placed at random on a smooth, low-contrast textured
background. The label map (uint8) holds one of 11 classes per pixel:

    0 = background, 1..10 = Fashion-MNIST class + 1

An item's pixel mask is "item intensity > MASK_THRESHOLD" after rescaling. Items may touch, but a new item is
only accepted where its mask overlaps already-placed items by at most MAX_OVERLAP_PX pixels (it is then drawn on
top), so every item keeps practically all of its visible area.

Splits (all deterministic from the seed):
  * train / val scenes use only the dataset's TRAIN items, split 55,000 / 5,000 by a seeded permutation;
  * test scenes use only the dataset's t10k items, so no test item is ever seen in training.

Scenes are cached as .npy under /tmp/fashion-scenes (never in the repo).
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

FMNIST_DIR = Path(os.environ.get('FMNIST_DIR', '/usr/share/datasets/fashion-mnist'))
CACHE_DIR = Path(os.environ.get('SCENE_CACHE', '/tmp/fashion-scenes'))

SIZE = 96
NUM_CLASSES = 11
CLASS_NAMES = [
    'background', 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
    'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
]
MASK_THRESHOLD = 0.05      # item intensity (0..1) above which a pixel belongs to the item
MAX_OVERLAP_PX = 4         # a new item may cover at most this many pixels of earlier items
MIN_ITEMS, MAX_ITEMS = 2, 5
MIN_SCALE, MAX_SCALE = 28, 56

SPLIT_SEED = 1234          # fixes the 55k/5k train/val item split
N_VAL_ITEMS = 5000

# Default scene counts and seeds per split.
SPLITS = {
    'train': dict(n=120_000, seed=1),
    'val': dict(n=500, seed=2),
    'test': dict(n=1000, seed=3),
}


def _read_idx(path: Path) -> np.ndarray:
    with gzip.open(path, 'rb') as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_items(split: str) -> tuple[np.ndarray, np.ndarray]:
    """Returns (images uint8 [N,28,28], labels uint8 [N]) for 'train' (55k), 'val' (5k) or 'test' (10k t10k)."""
    if split == 'test':
        return _read_idx(FMNIST_DIR / 't10k-images-idx3-ubyte.gz'), _read_idx(FMNIST_DIR / 't10k-labels-idx1-ubyte.gz')
    imgs = _read_idx(FMNIST_DIR / 'train-images-idx3-ubyte.gz')
    labels = _read_idx(FMNIST_DIR / 'train-labels-idx1-ubyte.gz')
    perm = np.random.default_rng(SPLIT_SEED).permutation(len(imgs))
    idx = perm[N_VAL_ITEMS:] if split == 'train' else perm[:N_VAL_ITEMS]
    idx = np.sort(idx)
    return imgs[idx], labels[idx]


def _resize_matrix(n_out: int, n_in: int) -> np.ndarray:
    """Bilinear (half-pixel centres) interpolation matrix [n_out, n_in]."""
    m = np.zeros((n_out, n_in), dtype=np.float32)
    src = (np.arange(n_out) + 0.5) * n_in / n_out - 0.5
    src = np.clip(src, 0, n_in - 1)
    i0 = np.floor(src).astype(int)
    i1 = np.minimum(i0 + 1, n_in - 1)
    w = (src - i0).astype(np.float32)
    m[np.arange(n_out), i0] += 1 - w
    m[np.arange(n_out), i1] += w
    return m


_RESIZE = {n: _resize_matrix(n, 28) for n in range(16, 72)}
_BG_UP = {g: _resize_matrix(SIZE, g) for g in range(2, 10)}
_YY, _XX = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)


def _background(rng: np.random.Generator) -> np.ndarray:
    """Smooth low-contrast texture: base level + upsampled coarse noise + optional faint stripes."""
    base = rng.uniform(0.05, 0.30)
    g = int(rng.integers(2, 10))
    coarse = rng.standard_normal((g, g)).astype(np.float32)
    smooth = _BG_UP[g] @ coarse @ _BG_UP[g].T
    smooth *= rng.uniform(0.01, 0.05) / max(float(smooth.std()), 1e-3)
    bg = base + smooth
    if rng.random() < 0.5:
        theta = rng.uniform(0, np.pi)
        period = rng.uniform(6, 24)
        phase = rng.uniform(0, 2 * np.pi)
        amp = rng.uniform(0.01, 0.04)
        bg = bg + amp * np.sin(2 * np.pi * (_XX * np.cos(theta) + _YY * np.sin(theta)) / period + phase)
    return bg


def make_scene(rng: np.random.Generator, items: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One scene: (image uint8 [96,96], label uint8 [96,96])."""
    canvas = _background(rng)
    label = np.zeros((SIZE, SIZE), dtype=np.uint8)
    n_items = int(rng.integers(MIN_ITEMS, MAX_ITEMS + 1))
    placed = 0
    attempts = 0
    while placed < n_items and attempts < 4 * n_items:
        attempts += 1
        k = int(rng.integers(len(items)))
        img = items[k].astype(np.float32) / 255.0
        if rng.random() < 0.5:
            img = img[:, ::-1]
        s = rng.uniform(MIN_SCALE, MAX_SCALE)
        aspect = rng.uniform(0.9, 1.1)
        for _shrink in range(6):
            h = int(np.clip(round(s * aspect), 16, 71))
            w = int(np.clip(round(s / aspect), 16, 71))
            item = _RESIZE[h] @ img @ _RESIZE[w].T
            mask = item > MASK_THRESHOLD
            ok = False
            for _try in range(25):
                y = int(rng.integers(0, SIZE - h + 1))
                x = int(rng.integers(0, SIZE - w + 1))
                if np.count_nonzero(label[y:y + h, x:x + w][mask]) <= MAX_OVERLAP_PX:
                    ok = True
                    break
            if ok:
                break
            s *= 0.85
        if not ok:
            continue
        region = canvas[y:y + h, x:x + w]
        region[mask] = item[mask]
        label[y:y + h, x:x + w][mask] = labels[k] + 1
        placed += 1
    canvas = canvas + rng.normal(0, rng.uniform(0.0, 0.02), canvas.shape)
    image = np.clip(np.rint(canvas * 255.0), 0, 255).astype(np.uint8)
    return image, label


def generate(split: str, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    items, labels = load_items(split)
    rng = np.random.default_rng([seed, {'train': 0, 'val': 1, 'test': 2}[split]])
    images = np.empty((n, SIZE, SIZE), dtype=np.uint8)
    maps = np.empty((n, SIZE, SIZE), dtype=np.uint8)
    for i in range(n):
        images[i], maps[i] = make_scene(rng, items, labels)
    return images, maps


def load_scenes(split: str, n: int | None = None, seed: int | None = None, verbose: bool = True):
    """Cached scenes for a split: (images uint8 [N,96,96], labels uint8 [N,96,96])."""
    n = SPLITS[split]['n'] if n is None else n
    seed = SPLITS[split]['seed'] if seed is None else seed
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stem = CACHE_DIR / f'{split}-n{n}-s{seed}-v1'
    fi, fl = Path(f'{stem}-images.npy'), Path(f'{stem}-labels.npy')
    if not (fi.exists() and fl.exists()):
        if verbose:
            print(f'generating {n} {split} scenes (seed {seed}) -> {stem}-*.npy', flush=True)
        images, maps = generate(split, n, seed)
        np.save(str(fi) + '.tmp.npy', images)
        np.save(str(fl) + '.tmp.npy', maps)
        os.replace(str(fi) + '.tmp.npy', fi)
        os.replace(str(fl) + '.tmp.npy', fl)
    return np.load(fi, mmap_mode='r'), np.load(fl, mmap_mode='r')


if __name__ == '__main__':
    import argparse
    import time

    ap = argparse.ArgumentParser(description='Generate (and cache) Fashion-MNIST segmentation scenes.')
    ap.add_argument('--split', choices=list(SPLITS) + ['all'], default='all')
    args = ap.parse_args()
    for sp in (SPLITS if args.split == 'all' else [args.split]):
        t = time.time()
        im, lb = load_scenes(sp)
        counts = np.bincount(np.asarray(lb[:2000]).ravel(), minlength=NUM_CLASSES)
        print(f'{sp}: {im.shape} in {time.time() - t:.1f}s; class pixel fractions (first 2000):',
              np.round(counts / counts.sum(), 3).tolist(), flush=True)
