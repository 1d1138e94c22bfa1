#!/usr/bin/env python3
"""Export a trained checkpoint (/tmp/segtrain/<model>/last.pt) to ONNX and check it.

    /usr/bin/python3 scripts/train/export-onnx.py --model unetr

Writes <out>/<model>/model.onnx (opset 17, input 'image' [1,1,96,96] float32 in 0..1 = uint8 / 255, output
'logits' [1,11,96,96]), <out>/<model>/ops.json (ONNX op types with counts) and adds an 'onnx' entry to
<out>/<model>/test-metrics.json. Checks: onnx.checker; the PyTorch fast training kernels (conv-based token
linears / attention) against the plain MatMul formulation that is exported; and the ONNX graph itself, run by the
small NumPy interpreter below (onnx 1.12 has no onnx.reference and onnxruntime is not installed), against PyTorch
on a few test scenes.
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import models  # noqa: E402


# ------------------------------------------------------------------------------- minimal ONNX interpreter
def _attrs(node) -> dict:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a, transpose=False):
    k = w.shape[2:]
    pads = a.get('pads', [0] * 4)
    assert pads[0] == pads[2] and pads[1] == pads[3], 'asymmetric pads'
    strides, dil, groups = a.get('strides', [1, 1]), a.get('dilations', [1, 1]), a.get('group', 1)
    assert a.get('auto_pad', b'NOTSET') in (b'NOTSET', 'NOTSET') and list(a.get('kernel_shape', k)) == list(k)
    xt, wt = torch.from_numpy(x).double(), torch.from_numpy(w).double()
    bt = None if b is None else torch.from_numpy(b).double()
    if transpose:
        assert not a.get('output_padding') or not any(a['output_padding'])
        y = F.conv_transpose2d(xt, wt, bt, stride=strides, padding=pads[:2], dilation=dil, groups=groups)
    else:
        y = F.conv2d(xt, wt, bt, stride=strides, padding=pads[:2], dilation=dil, groups=groups)
    return y.numpy()


def run_onnx(model: onnx.ModelProto, feeds: dict) -> dict:
    """Evaluates the graph in float64 with NumPy (convolutions via torch's double kernels)."""
    env = {i.name: numpy_helper.to_array(i).astype(np.float64) if numpy_helper.to_array(i).dtype.kind == 'f'
           else numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update({k: v.astype(np.float64) for k, v in feeds.items()})
    for node in model.graph.node:
        a, op = _attrs(node), node.op_type
        x = [env[n] if n else None for n in node.input]
        if op == 'Conv':
            y = _conv(x[0], x[1], x[2] if len(x) > 2 else None, a)
        elif op == 'ConvTranspose':
            y = _conv(x[0], x[1], x[2] if len(x) > 2 else None, a, transpose=True)
        elif op == 'BatchNormalization':
            s = (-1, 1, 1)
            y = (x[0] - x[3].reshape(s)) / np.sqrt(x[4].reshape(s) + a.get('epsilon', 1e-5)) * x[1].reshape(s) \
                + x[2].reshape(s)
        elif op == 'Relu':
            y = np.maximum(x[0], 0)
        elif op == 'Erf':
            y = np.vectorize(math.erf)(x[0])
        elif op in ('Add', 'Sub', 'Mul', 'Div', 'Pow'):
            y = {'Add': np.add, 'Sub': np.subtract, 'Mul': np.multiply, 'Div': np.divide, 'Pow': np.power}[op](
                x[0], x[1])
        elif op == 'Sqrt':
            y = np.sqrt(x[0])
        elif op == 'ReduceMean':
            y = np.mean(x[0], axis=tuple(a['axes']), keepdims=bool(a.get('keepdims', 1)))
        elif op == 'LayerNormalization':
            axis = a.get('axis', -1)
            axes = tuple(range(axis % x[0].ndim, x[0].ndim))
            mu = x[0].mean(axis=axes, keepdims=True)
            var = ((x[0] - mu) ** 2).mean(axis=axes, keepdims=True)
            y = (x[0] - mu) / np.sqrt(var + a.get('epsilon', 1e-5)) * x[1] + (x[2] if len(x) > 2 else 0)
        elif op == 'MatMul':
            y = np.matmul(x[0], x[1])
        elif op == 'Gemm':
            A = x[0].T if a.get('transA', 0) else x[0]
            B = x[1].T if a.get('transB', 0) else x[1]
            y = a.get('alpha', 1.0) * A @ B + (a.get('beta', 1.0) * x[2] if len(x) > 2 else 0)
        elif op == 'Softmax':
            ax = a.get('axis', -1)
            e = np.exp(x[0] - x[0].max(axis=ax, keepdims=True))
            y = e / e.sum(axis=ax, keepdims=True)
        elif op == 'Reshape':
            shape = [int(v) for v in x[1]]
            shape = [x[0].shape[i] if (v == 0 and not a.get('allowzero', 0)) else v for i, v in enumerate(shape)]
            y = x[0].reshape(shape)
        elif op == 'Transpose':
            y = np.transpose(x[0], a.get('perm'))
        elif op == 'Concat':
            y = np.concatenate(x, axis=a['axis'])
        elif op == 'Constant':
            y = numpy_helper.to_array(a['value'])
            y = y.astype(np.float64) if y.dtype.kind == 'f' else y
        elif op == 'Identity':
            y = x[0]
        else:
            raise NotImplementedError(f'op {op} not in the NumPy interpreter')
        assert len(node.output) == 1, op
        env[node.output[0]] = y
    return {o.name: env[o.name] for o in model.graph.output}


# ------------------------------------------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default='unetr')
    ap.add_argument('--out', default='/tmp/segtrain')
    ap.add_argument('--parity-scenes', type=int, default=4, help='test scenes run through the NumPy interpreter')
    args = ap.parse_args()
    torch.set_num_threads(1)
    dump = Path(args.out) / args.model
    st = torch.load(dump / 'last.pt')
    model = models.build(args.model, **st['config']['arch'])
    model.load_state_dict(st['model'])
    model.eval()
    n_params = models.count_params(model)

    te_x, te_y = data.load_scenes('test')
    x = torch.from_numpy(np.asarray(te_x[:args.parity_scenes])).float().div(255).unsqueeze(1)
    with torch.no_grad():
        models.FAST_TRAINING_KERNELS = True
        ref_fast = model(x)
        models.FAST_TRAINING_KERNELS = False
        ref = model(x)
        models.FAST_TRAINING_KERNELS = True
    fast_diff = float((ref_fast - ref).abs().max())
    print(f'PyTorch fast (conv) kernels vs MatMul formulation: max |diff| {fast_diff:.3g}')

    path = dump / 'model.onnx'
    torch.onnx.export(model.eval(), torch.zeros(1, 1, 96, 96), str(path), opset_version=17,
                      input_names=['image'], output_names=['logits'], do_constant_folding=True)
    m = onnx.load(str(path))
    onnx.checker.check_model(m, full_check=True)
    ops = collections.Counter(n.op_type for n in m.graph.node)
    ops = dict(sorted(ops.items(), key=lambda kv: (-kv[1], kv[0])))
    (dump / 'ops.json').write_text(json.dumps(ops, indent=1))
    n_init = sum(int(np.prod(i.dims)) for i in m.graph.initializer)
    io = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in list(m.graph.input) + list(m.graph.output)}
    print(f'wrote {path} ({path.stat().st_size} bytes, {len(m.graph.node)} nodes, {n_init} initializer values, '
          f'opset {m.opset_import[0].version}); io {io}')
    print('ONNX op types:', json.dumps(ops))

    # ONNX graph (NumPy interpreter, float64) vs PyTorch (float32, eval, MatMul formulation)
    diffs, agree = [], 0
    for i in range(len(x)):
        out = run_onnx(m, {'image': x[i:i + 1].numpy()})['logits']
        diffs.append(float(np.abs(out - ref[i:i + 1].numpy()).max()))
        agree += int((out.argmax(1) == ref[i:i + 1].numpy().argmax(1)).sum())
    n_px = len(x) * 96 * 96
    print(f'ONNX (NumPy interpreter) vs PyTorch on {len(x)} test scenes: max |logit diff| {max(diffs):.3g}, '
          f'argmax agreement {agree}/{n_px}; logits range {float(ref.min()):.1f}..{float(ref.max()):.1f}')

    mp = dump / 'test-metrics.json'
    metrics = json.loads(mp.read_text()) if mp.exists() else {}
    metrics['onnx'] = dict(file='model.onnx', bytes=path.stat().st_size, opset=17, input=dict(name='image',
                           shape=[1, 1, 96, 96], dtype='float32', range='0..1 (uint8 / 255)'),
                           output=dict(name='logits', shape=[1, 11, 96, 96], layout='NCHW', softmax=False),
                           params=n_params, initializer_values=n_init, nodes=len(m.graph.node), ops=ops,
                           parity_scenes=len(x), parity_max_abs_diff=max(diffs),
                           parity_argmax_agreement=agree / n_px, fast_kernels_max_abs_diff=fast_diff,
                           parity_reference='NumPy/float64 interpreter in export-onnx.py (no onnx.reference in '
                                            'onnx 1.12, no onnxruntime)')
    mp.write_text(json.dumps(metrics, indent=1))
    print(f'updated {mp}')


if __name__ == '__main__':
    main()
