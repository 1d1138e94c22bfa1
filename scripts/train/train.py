#!/usr/bin/env python3
"""Train (and by default also evaluate + export) one of the small segmentation models on Fashion-MNIST scenes.

    /usr/bin/python3 scripts/train/train.py --model unet
    /usr/bin/python3 scripts/train/train.py --model deeplab

Steps: generate/cache scenes (data.py) -> train on CPU (seeded, fixed thread count, AdamW + one-cycle LR,
checkpoint every --eval-every steps to /tmp/segtrain/<model>/last.pt) -> evaluate the final weights on the
1000 test scenes -> write weights dump + fixtures + samples (artifacts.py) -> node scripts/train/export-tfjs.mjs.

A cut-off run can be resumed with --resume (exactly, same data order) or exported as is with --skip-train.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import models  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# Architecture + training recipe per model (each run <= 45 min wall clock on one core of this 2-core machine while
# the other model trains on the other core). LR: one-cycle laid out over `steps`, but at step anneal['at'] it
# switches to a cosine decay from the current LR to 0 at step anneal['until'] = the last step. (The released runs
# were started as plain one-cycle runs and were switched to this schedule with --resume from the step-`at`
# checkpoint when CPU contention made the full schedule too slow; a fresh run reproduces them exactly.)
CONFIGS = {
    'unet': dict(arch=dict(widths=(8, 16, 32, 64, 128)), channels_last=True,
                 steps=5000, batch=24, lr=4e-3, weight_decay=1e-4, anneal=dict(at=2500, until=3600)),
    'deeplab': dict(arch=dict(widths=(16, 32, 48, 64, 96), aspp_c=48), channels_last=False,
                    steps=8500, batch=24, lr=4e-3, weight_decay=1e-4, anneal=dict(at=3500, until=5600)),
    # UNETR (ViT encoder + conv decoder). Its LR schedule runs on the wall clock, not on steps: warm-up over the
    # first 5 % of --time-limit, then cosine to 0 at the time limit, where training stops (so the schedule always
    # completes, whatever the CPU contention; not bit-reproducible). `steps` is only an upper bound. Gradient
    # norm clipped at `clip`. Exported to ONNX (export-onnx.py), not to tfjs.
    'unetr': dict(arch=dict(dim=112, depth=6, heads=4, mlp_ratio=2.0, patch=8, skips=(2, 4), dec=(16, 32, 48)),
                  channels_last=True, steps=100000, batch=24, lr=2e-3, weight_decay=0.02, time_schedule=True,
                  warmup=0.05, clip=1.0, export='onnx'),
}


def confusion(pred: torch.Tensor, target: torch.Tensor, k: int = data.NUM_CLASSES) -> torch.Tensor:
    return torch.bincount((target.reshape(-1).long() * k + pred.reshape(-1).long()), minlength=k * k).reshape(k, k)


def iou_from_confusion(cm: torch.Tensor) -> tuple[float, list[float]]:
    cm = cm.double()
    inter = cm.diag()
    union = cm.sum(0) + cm.sum(1) - inter
    iou = torch.where(union > 0, inter / union.clamp(min=1), torch.full_like(inter, float('nan')))
    return float(np.nanmean(iou.numpy())), iou.tolist()


@torch.no_grad()
def evaluate(model, images, labels, batch: int = 100, channels_last: bool = False):
    model.eval()
    cm = torch.zeros(data.NUM_CLASSES, data.NUM_CLASSES, dtype=torch.long)
    for i in range(0, len(images), batch):
        x = torch.from_numpy(np.asarray(images[i:i + batch])).float().div_(255).unsqueeze(1)
        if channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        y = torch.from_numpy(np.asarray(labels[i:i + batch]))
        cm += confusion(model(x).argmax(1), y)
    model.train()
    miou, per_class = iou_from_confusion(cm)
    pix_acc = float(cm.diag().sum() / cm.sum())
    return miou, per_class, pix_acc, cm


def batch_indices(step: int, batch: int, n: int, seed: int) -> np.ndarray:
    """Deterministic epoch-wise shuffling: the indices for a given step depend only on (seed, step)."""
    per_epoch = n // batch
    epoch, k = divmod(step, per_epoch)
    perm = np.random.default_rng([seed, epoch]).permutation(n)
    return np.sort(perm[k * batch:(k + 1) * batch])


def train(args, cfg, out: Path):
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    tr_x, tr_y = data.load_scenes('train', n=args.train_scenes or None)
    va_x, va_y = data.load_scenes('val')
    model = models.build(args.model, **cfg['arch'])
    cl = cfg['channels_last']
    if cl:
        model = model.to(memory_format=torch.channels_last)
    steps, bs = args.steps or cfg['steps'], args.batch or cfg['batch']
    anneal = None if args.steps else cfg.get('anneal')
    total = anneal['until'] if anneal else steps
    lr = args.lr or cfg['lr']
    decay, no_decay = [], []
    for n_, p in model.named_parameters():
        (no_decay if p.ndim <= 1 or n_ == 'pos' else decay).append(p)
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': cfg['weight_decay']},
                             {'params': no_decay, 'weight_decay': 0.0}], lr=lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.15,
                                                div_factor=20, final_div_factor=200)
    time_sched = cfg.get('time_schedule', False) and not args.steps
    if time_sched and not args.time_limit:
        raise SystemExit('this model needs --time-limit (its LR schedule runs on the wall clock)')
    start, elapsed_before, history, lr_at = 0, 0.0, [], None
    ckpt = out / 'last.pt'
    if args.resume and ckpt.exists():
        st = torch.load(ckpt)
        model.load_state_dict(st['model'])
        opt.load_state_dict(st['opt'])
        sched.load_state_dict(st['sched'])
        torch.set_rng_state(st['torch_rng'])
        start, elapsed_before, history = st['step'], st['elapsed'], st['history']
        lr_at = st.get('lr_at')
        print(f'resumed from step {start}', flush=True)
    print(f'{args.model}: {models.count_params(model)} params, {total} steps x batch {bs}, max lr {lr}, '
          f'one-cycle over {steps} steps' + (f', cosine anneal to 0 from step {anneal["at"]}' if anneal else '')
          + ', '
          f'{torch.get_num_threads()} thread(s), {len(tr_x)} train scenes', flush=True)

    def save(step, done=False):
        st = dict(model=model.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(),
                  torch_rng=torch.get_rng_state(), step=step, elapsed=elapsed_before + time.time() - t0,
                  history=history, config=cfg, model_name=args.model, steps=total, batch=bs, done=done,
                  lr_at=lr_at)
        torch.save(st, str(ckpt) + '.tmp')
        os.replace(str(ckpt) + '.tmp', ckpt)

    t0 = time.time()
    t_log, seen_log, loss_acc = time.time(), 0, 0.0
    model.train()
    step = start
    for step in range(start, total):
        if time_sched:
            # Wall-clock schedule: linear warm-up, then cosine from lr to 0 at --time-limit.
            frac = min((elapsed_before + time.time() - t0) / (args.time_limit * 60), 1.0)
            w = cfg['warmup']
            f = frac / w if frac < w else 0.5 * (1 + np.cos(np.pi * (frac - w) / (1 - w)))
            for g in opt.param_groups:
                g['lr'] = lr * max(f, 1e-3)
        if anneal and step >= anneal['at']:
            # Cosine decay from the one-cycle LR reached at step `at` down to 0 at step `until`.
            if lr_at is None:
                lr_at = opt.param_groups[0]['lr']
            t = (step - anneal['at']) / (anneal['until'] - anneal['at'])
            for g in opt.param_groups:
                g['lr'] = lr_at * 0.5 * (1 + np.cos(np.pi * t))
        idx = batch_indices(step, bs, len(tr_x), args.seed)
        x = torch.from_numpy(tr_x[idx]).float().div_(255).unsqueeze(1)
        y = torch.from_numpy(tr_y[idx]).long()
        flip = torch.rand(bs) < 0.5                     # augmentation: random horizontal flip
        x[flip] = x[flip].flip(-1)
        y[flip] = y[flip].flip(-1)
        if cl:
            x = x.contiguous(memory_format=torch.channels_last)
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if cfg.get('clip'):
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg['clip'])
        opt.step()
        if not time_sched and not (anneal and step >= anneal['at']):
            sched.step()
        loss_acc += float(loss)
        seen_log += bs
        if (step + 1) % args.log_every == 0:
            now = time.time()
            print(f'step {step + 1}/{total} loss {loss_acc / args.log_every:.4f} lr {opt.param_groups[0]["lr"]:.2e} '
                  f'{seen_log / (now - t_log):.1f} img/s elapsed {(elapsed_before + now - t0) / 60:.1f} min',
                  flush=True)
            t_log, seen_log, loss_acc = now, 0, 0.0
        if (step + 1) % args.eval_every == 0 or step + 1 == total:
            miou, per_class, acc, _ = evaluate(model, va_x, va_y, channels_last=cl)
            history.append(dict(step=step + 1, val_miou=miou, val_pix_acc=acc,
                                minutes=(elapsed_before + time.time() - t0) / 60))
            print(f'  val mIoU {miou:.4f} pixel acc {acc:.4f} per-class '
                  + ' '.join(f'{v:.2f}' for v in per_class), flush=True)
            save(step + 1, done=step + 1 == total)
            t_log, seen_log = time.time(), 0
        if args.stop_at and step + 1 >= args.stop_at:
            print(f'--stop-at {args.stop_at} reached; saving and stopping', flush=True)
            save(step + 1)
            break
        if time_sched and elapsed_before + time.time() - t0 >= args.time_limit * 60:
            print(f'end of the wall-clock LR schedule ({args.time_limit} min) at step {step + 1}', flush=True)
            miou, per_class, acc, _ = evaluate(model, va_x, va_y, channels_last=cl)
            history.append(dict(step=step + 1, val_miou=miou, val_pix_acc=acc,
                                minutes=(elapsed_before + time.time() - t0) / 60))
            print(f'  val mIoU {miou:.4f} pixel acc {acc:.4f} per-class '
                  + ' '.join(f'{v:.2f}' for v in per_class), flush=True)
            total = step + 1
            save(step + 1, done=True)
            break
        if args.time_limit and elapsed_before + time.time() - t0 > args.time_limit * 60:
            print(f'TIME LIMIT of {args.time_limit} min reached at step {step + 1}/{total}; saving and stopping',
                  flush=True)
            save(step + 1)
            break
    wall = elapsed_before + time.time() - t0
    print(f'training finished: {step + 1} steps in {wall / 60:.1f} min', flush=True)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', choices=list(CONFIGS), required=True)
    ap.add_argument('--steps', type=int, default=0, help='override the number of training steps')
    ap.add_argument('--batch', type=int, default=0)
    ap.add_argument('--lr', type=float, default=0.0)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--train-scenes', type=int, default=0, help='override the number of cached train scenes')
    ap.add_argument('--threads', type=int, default=1, help='torch CPU threads (fixed for determinism)')
    ap.add_argument('--time-limit', type=float, default=45.0, help='minutes; stop early (saving) beyond this')
    ap.add_argument('--stop-at', type=int, default=0,
                    help='stop (saving) after this step, e.g. to reproduce a run that the time limit cut off')
    ap.add_argument('--eval-every', type=int, default=500)
    ap.add_argument('--log-every', type=int, default=50)
    ap.add_argument('--out', default='/tmp/segtrain')
    ap.add_argument('--resume', action='store_true', help='continue from <out>/<model>/last.pt')
    ap.add_argument('--skip-train', action='store_true', help='only evaluate/export <out>/<model>/last.pt')
    ap.add_argument('--no-export', action='store_true', help='stop after training + test evaluation')
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    cfg = CONFIGS[args.model]
    out = Path(args.out) / args.model
    out.mkdir(parents=True, exist_ok=True)
    if not args.skip_train:
        train(args, cfg, out)

    # ---- test evaluation of the saved (final) weights
    st = torch.load(out / 'last.pt')
    model = models.build(args.model, **st['config']['arch'])
    model.load_state_dict(st['model'])
    te_x, te_y = data.load_scenes('test')
    t = time.time()
    miou, per_class, acc, cm = evaluate(model, te_x, te_y)
    dt = time.time() - t
    metrics = dict(model=args.model, params=models.count_params(model), arch=st['config']['arch'],
                   steps_done=st['step'], steps=st['steps'], batch=st['batch'], train_minutes=st['elapsed'] / 60,
                   finished=st['done'], threads=args.threads, test_scenes=len(te_x), test_miou=miou,
                   test_pixel_acc=acc, test_per_class_iou=dict(zip(data.CLASS_NAMES, per_class)),
                   test_confusion=cm.tolist(), eval_images_per_s=len(te_x) / dt, val_history=st['history'])
    (out / 'test-metrics.json').write_text(json.dumps(metrics, indent=1))
    print(f'TEST ({len(te_x)} scenes): mIoU {miou:.4f}, pixel acc {acc:.4f}', flush=True)
    for name, v in zip(data.CLASS_NAMES, per_class):
        print(f'  {name:12s} {v:.4f}', flush=True)
    if args.no_export:
        return
    if cfg.get('export') == 'onnx':
        subprocess.run([sys.executable, str(Path(__file__).with_name('export-onnx.py')), '--model', args.model,
                        '--out', args.out], check=True)
        return
    subprocess.run([sys.executable, str(Path(__file__).with_name('artifacts.py')), '--model', args.model,
                    '--out', args.out], check=True)
    subprocess.run(['node', str(Path(__file__).with_name('export-tfjs.mjs')), '--model', args.model,
                    '--dump', str(out)], check=True, cwd=ROOT)


if __name__ == '__main__':
    main()
