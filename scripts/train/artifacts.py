#!/usr/bin/env python3
"""From a trained checkpoint (/tmp/segtrain/<model>/last.pt) write everything the tfjs export and the app need:

  /tmp/segtrain/<model>/weights.bin + weights.json   raw float32 weights in tfjs layout, keyed by tfjs layer name
  scripts/testing/fixtures-trained/parity-<model>.json/.bin 2 fixed test scenes (float32 input) + PyTorch logits (NHWC)
  scripts/testing/fixtures-trained/eval-scenes.json + eval-images.bin + eval-labels.bin
                                                      64 test scenes (uint8) shared by both models
  public/samples/fashion/*.png + index.json           6 test scenes + palette label maps

    /usr/bin/python3 scripts/train/artifacts.py --model unet
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import models  # noqa: E402
import pngio  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / 'src' / 'model' / 'trained' / 'fixtures'
SAMPLES = ROOT / 'public' / 'samples' / 'fashion'
N_EVAL = 64
PARITY_SCENES = (0, 1)          # test-scene indices used for the parity fixtures
N_SAMPLES = 6
PALETTE = [(0, 0, 0), (230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48),
           (145, 30, 180), (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212)]


# ------------------------------------------------------------------------------------- weights in tfjs layout
def _conv(m) -> list[np.ndarray]:
    w = [m.weight.detach().numpy().transpose(2, 3, 1, 0)]          # (out,in,kh,kw) -> (kh,kw,in,out)
    if m.bias is not None:
        w.append(m.bias.detach().numpy())
    return w


def _convT(m) -> list[np.ndarray]:
    return [m.weight.detach().numpy().transpose(2, 3, 1, 0),        # (in,out,kh,kw) -> (kh,kw,out,in)
            m.bias.detach().numpy()]


def _bn(m) -> list[np.ndarray]:
    return [t.detach().numpy() for t in (m.weight, m.bias, m.running_mean, m.running_var)]


def tfjs_weights(name: str, model) -> list[tuple[str, list[np.ndarray]]]:
    """[(tfjs layer name, [arrays in the order layer.getWeights() uses])] - must match export-tfjs.mjs."""
    out = []

    def cbr(prefix, seq, suffix=''):           # models.ConvBNReLU -> <prefix>_conv<suffix>, <prefix>_bn<suffix>
        out.append((f'{prefix}_conv{suffix}', _conv(seq[0])))
        out.append((f'{prefix}_bn{suffix}', _bn(seq[1])))

    if name == 'unet':
        n = len(model.enc)
        for i, blk in enumerate(model.enc, start=1):
            cbr(f'enc{i}', blk[0], '1')
            cbr(f'enc{i}', blk[1], '2')
        cbr('bott', model.bottleneck[0], '1')
        cbr('bott', model.bottleneck[1], '2')
        for k, (up, blk) in enumerate(zip(model.up, model.dec)):
            lvl = n - k
            out.append((f'up{lvl}', _convT(up)))
            cbr(f'dec{lvl}', blk[0], '1')
            cbr(f'dec{lvl}', blk[1], '2')
        out.append(('logits', _conv(model.classifier)))
    else:
        cbr('stem', model.stem)
        for li in range(1, 5):
            blk = getattr(model, f'layer{li}')
            out.append((f'l{li}_conv1', _conv(blk.conv1)))
            out.append((f'l{li}_bn1', _bn(blk.bn1)))
            out.append((f'l{li}_conv2', _conv(blk.conv2)))
            out.append((f'l{li}_bn2', _bn(blk.bn2)))
            if blk.down is not None:
                out.append((f'l{li}_down_conv', _conv(blk.down[0])))
                out.append((f'l{li}_down_bn', _bn(blk.down[1])))
        a = model.aspp
        cbr('aspp_b0', a.b0)
        for j, br in enumerate(a.atrous, start=1):
            cbr(f'aspp_b{j}', br)
        cbr('aspp_pool', a.pool)
        cbr('aspp_project', a.project)
        out.append(('classifier', _conv(model.classifier)))
    return out


def dump_weights(name: str, model, cfg: dict, dest: Path) -> None:
    manifest, chunks, offset = [], [], 0
    for layer, arrays in tfjs_weights(name, model):
        entry = []
        for a in arrays:
            a = np.ascontiguousarray(a, dtype='<f4')
            entry.append(dict(shape=list(a.shape), offset=offset))
            chunks.append(a.tobytes())
            offset += a.size
        manifest.append(dict(layer=layer, weights=entry))
    (dest / 'weights.bin').write_bytes(b''.join(chunks))
    (dest / 'weights.json').write_text(json.dumps(dict(model=name, arch=cfg['arch'], numFloats=offset,
                                                       layers=manifest), indent=1))
    print(f'wrote {dest}/weights.bin ({offset} floats, {offset * 4} bytes) + weights.json')


# -------------------------------------------------------------------------------------------------- fixtures
def confusion(pred: np.ndarray, target: np.ndarray, k: int = data.NUM_CLASSES) -> np.ndarray:
    return np.bincount(target.astype(np.int64).ravel() * k + pred.ravel(), minlength=k * k).reshape(k, k)


def miou(cm: np.ndarray) -> tuple[float, list]:
    cm = cm.astype(np.float64)
    inter = np.diag(cm)
    union = cm.sum(0) + cm.sum(1) - inter
    iou = np.where(union > 0, inter / np.maximum(union, 1), np.nan)
    return float(np.nanmean(iou)), [None if np.isnan(v) else float(v) for v in iou]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', choices=['unet', 'deeplab'], required=True)
    ap.add_argument('--out', default='/tmp/segtrain')
    args = ap.parse_args()
    torch.set_num_threads(1)
    dump = Path(args.out) / args.model
    st = torch.load(dump / 'last.pt')
    model = models.build(args.model, **st['config']['arch'])
    model.load_state_dict(st['model'])
    model.eval()
    dump_weights(args.model, model, st['config'], dump)

    te_x, te_y = data.load_scenes('test')
    FIXTURES.mkdir(parents=True, exist_ok=True)

    # Parity fixture: float32 inputs [2,96,96,1] then float32 logits [2,96,96,11] (NHWC), little-endian.
    x = torch.from_numpy(np.asarray(te_x[list(PARITY_SCENES)])).float().div(255).unsqueeze(1)
    with torch.no_grad():
        logits, bott = model(x, return_bottleneck=True)
    inp = x.permute(0, 2, 3, 1).contiguous().numpy().astype('<f4')
    lg = logits.permute(0, 2, 3, 1).contiguous().numpy().astype('<f4')
    (FIXTURES / f'parity-{args.model}.bin').write_bytes(inp.tobytes() + lg.tobytes())
    (FIXTURES / f'parity-{args.model}.json').write_text(json.dumps(dict(
        model=args.model, file=f'parity-{args.model}.bin', dtype='float32', layout='NHWC',
        testSceneIndices=list(PARITY_SCENES),
        input=dict(shape=list(inp.shape), byteOffset=0),
        logits=dict(shape=list(lg.shape), byteOffset=inp.nbytes),
        bottleneckShape=[len(PARITY_SCENES)] + list(bott.permute(0, 2, 3, 1).shape[1:]),
        tolerance=1e-4,
        note='input = uint8 scene / 255; logits from PyTorch (eval mode) for the weights exported alongside'),
        indent=1))

    # Evaluation subset: the first 64 test scenes, uint8, shared by both models.
    ev_x = np.ascontiguousarray(te_x[:N_EVAL])
    ev_y = np.ascontiguousarray(te_y[:N_EVAL])
    (FIXTURES / 'eval-images.bin').write_bytes(ev_x.tobytes())
    (FIXTURES / 'eval-labels.bin').write_bytes(ev_y.tobytes())
    (FIXTURES / 'eval-scenes.json').write_text(json.dumps(dict(
        count=N_EVAL, height=data.SIZE, width=data.SIZE, channels=1, dtype='uint8',
        images='eval-images.bin', labels='eval-labels.bin', layout='NHW (row-major, one byte per pixel)',
        input='model input = image / 255 as float32, shape [N,96,96,1]',
        numClasses=data.NUM_CLASSES, classNames=data.CLASS_NAMES,
        source=f'test split (t10k items only), seed {data.SPLITS["test"]["seed"]}, scenes 0..{N_EVAL - 1}',
        miouDefinition='confusion matrix accumulated over all 64 scenes; IoU_c = TP/(TP+FP+FN); '
                       'mIoU = mean over the classes whose union is non-zero (all 11 here)'), indent=1))
    with torch.no_grad():
        pred = model(torch.from_numpy(ev_x).float().div(255).unsqueeze(1)).argmax(1).numpy()
    sub_miou, sub_pc = miou(confusion(pred, ev_y))
    metrics_path = dump / 'test-metrics.json'
    m = json.loads(metrics_path.read_text())
    m['subset_miou_pytorch'] = sub_miou
    m['subset_per_class_iou_pytorch'] = sub_pc
    m['weights_floats'] = sum(int(np.prod(w['shape'])) for l in json.loads(
        (dump / 'weights.json').read_text())['layers'] for w in l['weights'])
    metrics_path.write_text(json.dumps(m, indent=1))
    print(f'subset ({N_EVAL} scenes) mIoU in PyTorch: {sub_miou:.4f}')

    # Sample scenes for the app: greedily pick 6 test scenes (after the eval subset) covering many classes.
    SAMPLES.mkdir(parents=True, exist_ok=True)
    chosen, covered = [], set()
    cand = list(range(N_EVAL, N_EVAL + 200))
    for _ in range(N_SAMPLES):
        best = max(cand, key=lambda i: (len(set(np.unique(te_y[i]).tolist()) - covered - {0}),
                                        len(np.unique(te_y[i])), -i))
        chosen.append(best)
        cand.remove(best)
        covered |= set(np.unique(te_y[best]).tolist())
    entries = []
    for k, i in enumerate(chosen, start=1):
        img, lab = np.asarray(te_x[i]), np.asarray(te_y[i])
        pngio.write_gray(SAMPLES / f'scene-{k}.png', img)
        pngio.write_palette(SAMPLES / f'scene-{k}-labels.png', lab, PALETTE)
        ids = [int(c) for c in np.unique(lab) if c != 0]
        entries.append(dict(id=f'scene-{k}', image=f'scene-{k}.png', labels=f'scene-{k}-labels.png',
                            testSceneIndex=int(i), classIds=ids, classes=[data.CLASS_NAMES[c] for c in ids]))
    (SAMPLES / 'index.json').write_text(json.dumps(dict(
        description='96x96 Fashion-MNIST scenes from the test split (t10k items only, never seen in training). '
                    'scene-N.png: 8-bit grayscale, model input = pixel/255. scene-N-labels.png: 8-bit palette '
                    'PNG whose palette index is the class id (0 = background).',
        width=data.SIZE, height=data.SIZE, classNames=data.CLASS_NAMES,
        palette=['#%02x%02x%02x' % c for c in PALETTE], scenes=entries), indent=1))
    print(f'wrote {len(entries)} samples to {SAMPLES} (test scenes {chosen})')


if __name__ == '__main__':
    main()
