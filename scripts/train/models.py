"""Small UNet and DeepLabV3 for 96x96x1 inputs and 11-class logits, built so that every op has an exact
TensorFlow.js LayersModel counterpart (see export-tfjs.mjs, which rebuilds the same graphs with tf.layers).

Parity notes
  * Stride-2 3x3 convs use symmetric padding 1 (PyTorch default); in tfjs that is zeroPadding2d(1) + a 'valid'
    conv (tfjs 'same' would pad 0 top/left, 1 bottom/right). Feature j of a stride-2^k map is then centred on
    input pixel 2^k * j, which is exactly where tfjs' bilinear upSampling2d (src = dst * in/out) samples from.
  * Stride-1 (dilated) 3x3 convs use padding = dilation, which equals tfjs 'same'.
  * The x8 bilinear upsampling is a fixed interpolation matrix built with the tfjs formula
    (alignCorners=false, halfPixelCenters=false): src = dst * in / out.
  * BatchNorm eps = 1e-5 (set explicitly in tfjs).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

NUM_CLASSES = 11


class ConvBNReLU(nn.Sequential):
    def __init__(self, cin: int, cout: int, k: int = 3, stride: int = 1, dilation: int = 1):
        pad = dilation * (k - 1) // 2
        super().__init__(
            nn.Conv2d(cin, cout, k, stride=stride, padding=pad, dilation=dilation, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
        )


# ----------------------------------------------------------------------------------------------------- UNet
class UpConv2x2(nn.Module):
    """Exactly nn.ConvTranspose2d(cin, cout, kernel_size=2, stride=2) (same parameter layout: weight
    [cin, cout, 2, 2], bias [cout]), computed as a 1x1 conv to 4*cout channels + pixel_shuffle, which is several
    times faster on CPU than PyTorch's slow_conv_transpose2d."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        ref = nn.ConvTranspose2d(cin, cout, 2, stride=2)
        self.weight = nn.Parameter(ref.weight.detach().clone())
        self.bias = nn.Parameter(ref.bias.detach().clone())

    def forward(self, x):
        cin, cout = self.weight.shape[:2]
        w = self.weight.permute(1, 2, 3, 0).reshape(cout * 4, cin, 1, 1)
        return F.pixel_shuffle(F.conv2d(x, w, self.bias.repeat_interleave(4)), 2)


class DoubleConv(nn.Sequential):
    def __init__(self, cin: int, cout: int):
        super().__init__(ConvBNReLU(cin, cout), ConvBNReLU(cout, cout))


class UNet(nn.Module):
    """Classic UNet: 4 max-pool downsamplings (96->48->24->12->6), a bottleneck at 6x6, 4 decoder stages with
    2x2/stride-2 transposed convs and concatenated skip connections, conv-BN-ReLU blocks, 1x1 classifier."""

    def __init__(self, widths=(8, 16, 32, 64, 128), num_classes: int = NUM_CLASSES):
        super().__init__()
        self.widths = tuple(widths)
        *enc, mid = self.widths
        self.enc = nn.ModuleList()
        cin = 1
        for c in enc:
            self.enc.append(DoubleConv(cin, c))
            cin = c
        self.bottleneck = DoubleConv(cin, mid)
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        cin = mid
        for c in reversed(enc):
            self.up.append(UpConv2x2(cin, c))
            self.dec.append(DoubleConv(2 * c, c))
            cin = c
        self.classifier = nn.Conv2d(cin, num_classes, 1)

    def forward(self, x, return_bottleneck: bool = False):
        skips = []
        for block in self.enc:
            x = block(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = b = self.bottleneck(x)
        for up, block, skip in zip(self.up, self.dec, reversed(skips)):
            x = block(torch.cat([up(x), skip], dim=1))
        logits = self.classifier(x)
        return (logits, b) if return_bottleneck else logits


# ------------------------------------------------------------------------------------------------ DeepLabV3
class BasicBlock(nn.Module):
    """ResNet basic block (two 3x3 conv-BN, identity or 1x1 conv-BN shortcut), optionally strided or dilated."""

    def __init__(self, cin: int, cout: int, stride: int = 1, dilation: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=dilation, dilation=dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        sc = x if self.down is None else self.down(x)
        return F.relu(out + sc)


def tfjs_bilinear_matrix(n_out: int, n_in: int) -> torch.Tensor:
    """[n_out, n_in] matrix reproducing tf.image.resizeBilinear(alignCorners=false, halfPixelCenters=false)."""
    m = torch.zeros(n_out, n_in, dtype=torch.float64)
    for i in range(n_out):
        src = i * n_in / n_out
        i0 = min(int(src), n_in - 1)
        i1 = min(i0 + 1, n_in - 1)
        w = src - i0
        m[i, i0] += 1 - w
        m[i, i1] += w
    return m.float()


class ASPP(nn.Module):
    def __init__(self, cin: int, c: int, rates=(2, 4, 6)):
        super().__init__()
        self.b0 = ConvBNReLU(cin, c, k=1)
        self.atrous = nn.ModuleList([ConvBNReLU(cin, c, k=3, dilation=r) for r in rates])
        self.pool = ConvBNReLU(cin, c, k=1)           # image-pooling branch: GAP -> 1x1 conv-BN-ReLU -> broadcast
        self.project = ConvBNReLU(c * (2 + len(rates)), c, k=1)   # its output is "bottleneck"

    def forward(self, x):
        h, w = x.shape[-2:]
        pooled = self.pool(x.mean(dim=(2, 3), keepdim=True)).expand(-1, -1, h, w)
        feats = [self.b0(x)] + [m(x) for m in self.atrous] + [pooled]
        return self.project(torch.cat(feats, dim=1))


class DeepLabV3(nn.Module):
    """DeepLabV3 with a small ResNet (basic blocks), output stride 8:
    stem 3x3/s2 (48x48) -> layer1 s2 (24x24) -> layer2 s2 (12x12) -> layer3 dilation 2 -> layer4 dilation 4
    -> ASPP (1x1, 3x3 rates 2/4/6, image pooling) -> 1x1 projection ("bottleneck") -> 1x1 classifier
    -> bilinear x8 upsampling to 96x96 logits."""

    def __init__(self, widths=(16, 32, 64, 96, 128), aspp_c: int = 64, num_classes: int = NUM_CLASSES,
                 size: int = 96):
        super().__init__()
        c0, c1, c2, c3, c4 = widths
        self.widths, self.aspp_c = tuple(widths), aspp_c
        self.stem = ConvBNReLU(1, c0, k=3, stride=2)
        self.layer1 = BasicBlock(c0, c1, stride=2)
        self.layer2 = BasicBlock(c1, c2, stride=2)
        self.layer3 = BasicBlock(c2, c3, dilation=2)
        self.layer4 = BasicBlock(c3, c4, dilation=4)
        self.aspp = ASPP(c4, aspp_c, rates=(2, 4, 6))
        self.dropout = nn.Dropout2d(0.1)
        self.classifier = nn.Conv2d(aspp_c, num_classes, 1)
        self.register_buffer('up_m', tfjs_bilinear_matrix(size, size // 8), persistent=False)

    def forward(self, x, return_bottleneck: bool = False):
        x = self.stem(x)
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        b = self.aspp(x)
        low = self.classifier(self.dropout(b))                 # [N, 11, 12, 12]
        logits = torch.matmul(torch.matmul(self.up_m, low), self.up_m.t())   # x8 bilinear (tfjs formula)
        return (logits, b) if return_bottleneck else logits


def build(name: str, **kw) -> nn.Module:
    if name == 'unet':
        return UNet(**kw)
    if name == 'deeplab':
        return DeepLabV3(**kw)
    raise ValueError(name)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
