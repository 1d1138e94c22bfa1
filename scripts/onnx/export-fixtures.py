#!/usr/bin/env python3
"""Exports the ONNX test fixtures of src/model/onnx/ (small models, random weights, each well under 2 MB).

A maintainer step, never part of install or CI: /usr/bin/python3 scripts/onnx/export-fixtures.py
(Debian's python3-torch 1.13, python3-torchvision 0.14, python3-onnx). Outputs src/model/onnx/fixtures/*.onnx and
index.json (file, opset, input shape, the operators each file contains). With --full it also writes the full-size
torchvision DeepLabV3-MobileNetV3-Large (random weights, 44 MB) to /tmp/onnx-full/ for a manual check in the app;
that file is not committed.
"""
import argparse
import collections
import json
import os

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import mobilenetv3
from torchvision.models.segmentation import deeplabv3, lraspp, fcn

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
OUT = os.path.join(ROOT, 'src', 'model', 'onnx', 'fixtures')


class OpsZoo(nn.Module):
    """One of every CNN operator in the issue's list, each with a non-trivial setting."""

    def __init__(self, k=4):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.dw = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=8)
        self.grouped = nn.Conv2d(8, 8, 3, padding=1, groups=2)
        self.strided_dil = nn.Conv2d(8, 8, 3, stride=2, padding=2, dilation=2)
        self.up = nn.ConvTranspose2d(8, 8, 4, stride=2, padding=1)
        self.up_odd = nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1)
        self.ln = nn.LayerNorm(8)
        self.fc = nn.Linear(8, 8)
        self.bn2 = nn.BatchNorm2d(8)
        self.gfc = nn.Linear(8, 8)
        self.head = nn.Conv2d(28, k, 1)

    def forward(self, x):
        y = F.relu(self.bn(self.stem(x)))                       # Conv, BatchNormalization, Relu
        y = F.hardswish(self.dw(y)) + F.hardsigmoid(y)          # HardSwish, HardSigmoid, Add
        y = torch.clamp(self.grouped(y), -1.0, 6.0) - torch.sigmoid(y) * 0.5   # Clip, Sigmoid, Sub, Mul
        y = self.bn2(F.relu(y))                                                 # BatchNormalization (not fused)
        a = F.max_pool2d(y, 3, stride=2, padding=0, ceil_mode=True)           # MaxPool (ceil mode)
        b = F.avg_pool2d(y, 2)                                                  # AveragePool
        c = self.strided_dil(y)
        g = F.adaptive_avg_pool2d(y, 1)                                         # GlobalAveragePool
        g = self.gfc(torch.flatten(g, 1)).reshape(-1, 8, 1, 1)                  # Flatten, Gemm
        m = torch.cat([a, b + c], 1)                                            # Concat
        m = F.interpolate(m, scale_factor=2, mode='bilinear', align_corners=False)   # Resize linear half-pixel
        m1, m2 = torch.split(m, [8, 8], dim=1)                                  # Split
        m = m1 / (m2.abs() + 1.0) + g                                           # Div
        t = m.flatten(2).transpose(1, 2)                                        # Reshape, Transpose → tokens
        t = self.fc(self.ln(t))                                                 # LayerNormalization / decomposition, MatMul
        t = F.gelu(t)                                                           # Erf
        t = torch.softmax(t, dim=-1) * torch.sqrt(t.pow(2) + 1.0)               # Softmax, Pow, Sqrt
        t = t - t.mean(dim=1, keepdim=True)                                     # ReduceMean
        n, hw, d = t.shape
        s = int(hw ** 0.5)
        m = t.transpose(1, 2).reshape(n, d, s, s)
        u = self.up(m)                                                          # ConvTranspose
        v = self.up_odd(m)
        v = F.pad(v, (1, 1, 1, 1), mode='reflect')[:, :, 1:-1, 1:-1]            # Pad (reflect), Slice
        w = F.pad(m, (0, 1, 0, 1))[:, :, :-1, :-1]                              # Pad (constant), Slice
        w = F.interpolate(w, size=u.shape[-2:], mode='nearest')                 # Resize nearest
        x2 = F.interpolate(x, size=u.shape[-2:], mode='bilinear', align_corners=True)  # Resize align_corners
        z = torch.cat([u, v, w, x2.mean(1, keepdim=True).expand(-1, 8, -1, -1)], 1)
        z = z.unsqueeze(1).squeeze(1)                                           # Unsqueeze, Squeeze
        out = self.head(z)
        return F.interpolate(out, size=x.shape[-2:], mode='bilinear', align_corners=False)


class TinyUNet(nn.Module):
    def __init__(self, k=3):
        super().__init__()
        def block(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True))
        self.e1, self.e2, self.b = block(3, 8), block(8, 16), block(16, 32)
        self.u2, self.d2 = nn.ConvTranspose2d(32, 16, 2, stride=2), block(32, 16)
        self.u1, self.d1 = nn.ConvTranspose2d(16, 8, 2, stride=2), block(16, 8)
        self.head = nn.Conv2d(8, k, 1)

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(F.max_pool2d(e1, 2))
        b = self.b(F.max_pool2d(e2, 2))
        d2 = self.d2(torch.cat([self.u2(b), e2], 1))
        d1 = self.d1(torch.cat([self.u1(d2), e1], 1))
        return self.head(d1)


class Block(nn.Module):
    def __init__(self, d, heads, mlp=2):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.mlp = nn.Sequential(nn.Linear(d, d * mlp), nn.GELU(), nn.Linear(d * mlp, d))
        self.heads = heads

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.n1(x)).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-2, -1) * (d // self.heads) ** -0.5, dim=-1)
        x = x + self.proj((a @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.mlp(self.n2(x))


class TinyViTSeg(nn.Module):
    """ViT-style segmenter: patch tokens plus a class token, a token grid reshaped for a conv decoder."""

    def __init__(self, k=3, d=32, patch=8, size=64):
        super().__init__()
        self.g = size // patch
        self.embed = nn.Conv2d(3, d, patch, stride=patch)
        self.cls = nn.Parameter(torch.randn(1, 1, d) * 0.1)
        self.pos = nn.Parameter(torch.randn(1, self.g * self.g + 1, d) * 0.1)
        self.blocks = nn.Sequential(Block(d, 4), Block(d, 4))
        self.norm = nn.LayerNorm(d)
        self.head = nn.Conv2d(d, k, 1)

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)
        t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], 1) + self.pos
        t = self.norm(self.blocks(t))[:, 1:]
        grid = t.transpose(1, 2).reshape(t.shape[0], -1, self.g, self.g)
        return F.interpolate(self.head(grid), size=x.shape[-2:], mode='bilinear', align_corners=False)


class TinySegFormer(nn.Module):
    """SegFormer-style: overlapping patch embeddings at two scales, efficient attention, an all-MLP decoder."""

    def __init__(self, k=3):
        super().__init__()
        self.e1 = nn.Conv2d(3, 16, 7, stride=4, padding=3)
        self.e2 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.b1, self.b2 = Block(16, 2), Block(32, 4)
        self.n1, self.n2 = nn.LayerNorm(16), nn.LayerNorm(32)
        self.l1, self.l2 = nn.Linear(16, 16), nn.Linear(32, 16)
        self.fuse = nn.Sequential(nn.Conv2d(32, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.cls = nn.Conv2d(16, k, 1)

    @staticmethod
    def stage(x, embed, block, norm):
        x = embed(x)
        b, c, h, w = x.shape
        t = norm(block(x.flatten(2).transpose(1, 2)))
        return t.transpose(1, 2).reshape(b, c, h, w)

    def forward(self, x):
        f1 = self.stage(x, self.e1, self.b1, self.n1)
        f2 = self.stage(f1, self.e2, self.b2, self.n2)
        b, _, h, w = f1.shape
        m1 = self.l1(f1.flatten(2).transpose(1, 2)).transpose(1, 2).reshape(b, -1, h, w)
        m2 = self.l2(f2.flatten(2).transpose(1, 2)).transpose(1, 2).reshape(b, -1, f2.shape[2], f2.shape[3])
        m2 = F.interpolate(m2, size=(h, w), mode='bilinear', align_corners=False)
        y = self.cls(self.fuse(torch.cat([m2, m1], 1)))
        return F.interpolate(y, size=x.shape[-2:], mode='bilinear', align_corners=False)


def tiny_mobilenet_backbone():
    conf, last = mobilenetv3._mobilenet_v3_conf('mobilenet_v3_large', width_mult=0.25, reduced_tail=True, dilated=True)
    return mobilenetv3.MobileNetV3(conf, last).features


class ForApp(nn.Module):
    """What the app expects of a PyTorch model: RGB in 0..1 (NCHW), ImageNet normalisation inside, logits out."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.register_buffer('mean', torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer('std', torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))

    def forward(self, x):
        return self.model((x - self.mean) / self.std)['out']


class OutOnly(nn.Module):
    """torchvision's segmentation models return {'out': …}; the app reads one tensor."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)['out']


def tiny_deeplab_mobilenet(k=4):
    from torchvision.models._utils import IntermediateLayerGetter
    features = tiny_mobilenet_backbone()
    stage = [0] + [i for i, b in enumerate(features) if getattr(b, '_is_cn', False)] + [len(features) - 1]
    out_pos = stage[-1]
    backbone = IntermediateLayerGetter(features, return_layers={str(out_pos): 'out'})
    c = features[out_pos].out_channels
    head = nn.Sequential(deeplabv3.ASPP(c, [12, 24, 36], 32), nn.Conv2d(32, 32, 3, padding=1, bias=False),
                         nn.BatchNorm2d(32), nn.ReLU(), nn.Conv2d(32, k, 1))
    return OutOnly(deeplabv3.DeepLabV3(backbone, head))


def tiny_lraspp_mobilenet(k=4):
    from torchvision.models._utils import IntermediateLayerGetter
    features = tiny_mobilenet_backbone()
    stage = [0] + [i for i, b in enumerate(features) if getattr(b, '_is_cn', False)] + [len(features) - 1]
    low, high = stage[-4], stage[-1]
    backbone = IntermediateLayerGetter(features, return_layers={str(low): 'low', str(high): 'high'})
    return OutOnly(lraspp.LRASPP(backbone, features[low].out_channels, features[high].out_channels, k, 16))


def tiny_fcn_resnet(k=4):
    from torchvision.models import resnet
    from torchvision.models._utils import IntermediateLayerGetter
    net = resnet.ResNet(resnet.BasicBlock, [1, 1, 1, 1], replace_stride_with_dilation=None)
    # shrink every width by 8 (same structure as resnet18 with one block per stage)
    small = resnet.ResNet(resnet.BasicBlock, [1, 1, 1, 1])
    small.inplanes = 8
    small.conv1 = nn.Conv2d(3, 8, 7, 2, 3, bias=False)
    small.bn1 = nn.BatchNorm2d(8)
    small.layer1 = small._make_layer(resnet.BasicBlock, 8, 1)
    small.layer2 = small._make_layer(resnet.BasicBlock, 16, 1, stride=2)
    small.layer3 = small._make_layer(resnet.BasicBlock, 32, 1, stride=2)
    small.layer4 = small._make_layer(resnet.BasicBlock, 64, 1, stride=1, dilate=False)
    del net
    backbone = IntermediateLayerGetter(small, return_layers={'layer4': 'out'})
    return OutOnly(fcn.FCN(backbone, fcn.FCNHead(64, k)))


def randomise_bn(model, seed):
    """Random BatchNorm statistics, so that folding or mixing up mean/var/scale/bias would show."""
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)


def export(name, model, size, opset, channels=3):
    torch.manual_seed(0)
    randomise_bn(model, 1)
    model.eval()
    path = os.path.join(OUT, f'{name}.onnx')
    x = torch.rand(1, channels, size, size)
    torch.onnx.export(model, x, path, opset_version=opset, input_names=['image'], output_names=['logits'],
                      do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    ops = collections.Counter(n.op_type for n in m.graph.node)
    kb = os.path.getsize(path) / 1024
    assert kb < 2048, f'{name} is {kb:.0f} KB'
    print(f'{name}: {kb:.0f} KB, opset {opset}, {sum(ops.values())} nodes: {dict(sorted(ops.items()))}')
    return {'file': f'{name}.onnx', 'opset': opset, 'input': [1, channels, size, size], 'ops': dict(sorted(ops.items()))}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--full', action='store_true', help='also export the full-size DeepLabV3-MobileNetV3 to /tmp/onnx-full')
    args = p.parse_args()
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    entries = [
        export('ops-zoo-13', OpsZoo(), 32, 13),
        export('ops-zoo-17', OpsZoo(), 32, 17),
        export('unet', TinyUNet(), 32, 13),
        export('deeplabv3-mobilenetv3', tiny_deeplab_mobilenet(), 64, 13),
        export('lraspp-mobilenetv3', tiny_lraspp_mobilenet(), 64, 13),
        export('fcn-resnet', tiny_fcn_resnet(), 64, 11),
        export('vit-seg', TinyViTSeg(), 64, 17),
        export('segformer', TinySegFormer(), 64, 13),
    ]
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump({'note': 'written by scripts/onnx/export-fixtures.py; random weights', 'models': entries}, f, indent=1)
        f.write('\n')
    if args.full:
        from torchvision.models.segmentation import deeplabv3_mobilenet_v3_large
        os.makedirs('/tmp/onnx-full', exist_ok=True)
        full = ForApp(deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None, num_classes=21)).eval()
        torch.onnx.export(full, torch.rand(1, 3, 256, 256), '/tmp/onnx-full/deeplabv3_mobilenet_v3_large.onnx',
                          opset_version=13, input_names=['image'], output_names=['logits'], do_constant_folding=True)
        print('full model: /tmp/onnx-full/deeplabv3_mobilenet_v3_large.onnx')


if __name__ == '__main__':
    main()
