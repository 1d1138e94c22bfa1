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


# ---------------------------------------------------------------------------------------------------- UNETR
# 2-D UNETR (Hatamizadeh et al. 2022), scaled down: a ViT encoder on 8x8 patches (12x12 = 144 tokens) whose
# intermediate token maps (blocks 2, 4 and the last) are reshaped to 12x12 grids and decoded by a conv decoder
# with transposed-conv upsampling, plus a conv stem on the raw input at full resolution.
# Exported to ONNX (not tfjs): only Conv, ConvTranspose, BatchNorm, ReLU, GELU (erf), LayerNorm, MatMul/Gemm,
# Softmax, Reshape, Transpose, Add, Mul, Concat; reshapes use explicit ints (batch = -1), attention is explicit.
class UpConvT(UpConv2x2):
    """2x2/stride-2 transposed conv (nn.ConvTranspose2d parameter layout). Trains as 1x1 conv + pixel shuffle
    (fast on CPU); during ONNX export it is a real ConvTranspose so the graph holds a ConvTranspose node."""

    def forward(self, x):
        if torch.onnx.is_in_onnx_export():
            return F.conv_transpose2d(x, self.weight, self.bias, stride=2)
        return super().forward(x)


def _fast() -> bool:
    return FAST_TRAINING_KERNELS and not torch.onnx.is_in_onnx_export()


# This torch build's BLAS is the generic reference one (~2.5 GMAC/s), while convolutions go through oneDNN. So in
# PyTorch the token linears and the two attention matmuls are computed as (grouped) 1x1 convolutions over the
# 12x12 token grid in channels_last layout (10-15x faster, same math and parameters). dilation=2 on a 1x1 kernel
# changes nothing but makes PyTorch pick oneDNN for any batch size. The ONNX export (and FAST_TRAINING_KERNELS =
# False) uses the plain MatMul/Gemm formulation below; both paths are checked against each other in export-onnx.py.
FAST_TRAINING_KERNELS = True


class TokenLinear(nn.Linear):
    """nn.Linear on tokens [B, N, D] (N = grid*grid)."""

    def __init__(self, cin: int, cout: int, grid: int):
        super().__init__(cin, cout)
        self.grid = grid

    def forward(self, x):
        if not _fast():
            return F.linear(x, self.weight, self.bias)
        g = self.grid
        y = F.conv2d(x.reshape(-1, g, g, self.in_features).permute(0, 3, 1, 2),
                     self.weight[:, :, None, None], self.bias, dilation=2)
        return y.permute(0, 2, 3, 1).reshape(-1, g * g, self.out_features)


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int, grid: int):
        super().__init__()
        self.dim, self.heads, self.grid, self.tokens = dim, heads, grid, grid * grid
        self.hd = dim // heads
        self.scale = self.hd ** -0.5
        self.q = TokenLinear(dim, dim, grid)
        self.k = TokenLinear(dim, dim, grid)
        self.v = TokenLinear(dim, dim, grid)
        self.proj = TokenLinear(dim, dim, grid)

    def _split(self, t):                                   # [B, N, D] -> [B, H, N, hd]
        return t.reshape(-1, self.tokens, self.heads, self.hd).transpose(1, 2)

    def forward(self, x):
        if _fast():
            return self.proj(self._attend_conv(self.q(x), self.k(x), self.v(x)))
        q, k, v = self._split(self.q(x)), self._split(self.k(x)), self._split(self.v(x))
        attn = torch.softmax(torch.matmul(q, k.transpose(2, 3)) * self.scale, dim=-1)
        out = torch.matmul(attn, v).transpose(1, 2).reshape(-1, self.tokens, self.dim)
        return self.proj(out)

    def _attend_conv(self, q, k, v):
        """softmax(q k^T * scale) v with grouped 1x1 convs (groups = batch*heads), q/k/v/result [B, N, D]."""
        b, n, g, hd, H, D = q.shape[0], self.tokens, self.grid, self.hd, self.heads, self.dim
        G = b * H
        # scores: input channels (b,h,d) over the n grid; weights = k as [(b,h,m), d]
        inp = q.transpose(0, 1).contiguous().reshape(1, g, g, b * D).permute(0, 3, 1, 2)
        wk = k.reshape(b, n, H, hd).permute(0, 2, 1, 3).reshape(G * n, hd, 1, 1)
        s = F.conv2d(inp, wk, groups=G, dilation=2)                          # [1, (b,h,m), n] channels_last
        a = torch.softmax(s.permute(0, 2, 3, 1).reshape(n, b, H, n) * self.scale, dim=-1)   # [n, b, h, m]
        # out: input channels (b,h,m) over n; weights = v as [(b,h,d), m]
        wv = v.reshape(b, n, H, hd).permute(0, 2, 3, 1).reshape(G * hd, n, 1, 1)
        o = F.conv2d(a.reshape(1, g, g, G * n).permute(0, 3, 1, 2), wv, groups=G, dilation=2)
        return o.permute(0, 2, 3, 1).reshape(n, b, D).transpose(0, 1)      # [b, n, D]


class TransformerBlock(nn.Module):
    """Pre-norm ViT block: x + MHSA(LN(x)); x + MLP(LN(x)) with exact (erf) GELU."""

    def __init__(self, dim: int, heads: int, mlp_ratio: float, grid: int):
        super().__init__()
        hidden = int(dim * mlp_ratio)
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, grid)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(TokenLinear(dim, hidden, grid), nn.GELU(), TokenLinear(hidden, dim, grid))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class UpBlock(nn.Sequential):
    """UNETR skip-path block: 2x2/s2 transposed conv followed by 3x3 conv-BN-ReLU."""

    def __init__(self, cin: int, cout: int):
        super().__init__(UpConvT(cin, cout), ConvBNReLU(cout, cout))


class UNETR(nn.Module):
    """UNETR-2D: patch-8 ViT (embed dim D, `depth` pre-norm blocks, learned position embedding, no class token).
    Skips: conv stem on the input (96x96, c0), block skips[0] -> 2 up-blocks (48x48, c1), block skips[1] ->
    1 up-block (24x24, c2), last block = 12x12 bottleneck (D). Decoder: transposed conv x2 -> concat skip ->
    conv-BN-ReLU blocks, three times (12 -> 24 -> 48 -> 96), then a 1x1 conv to 11 logits."""

    def __init__(self, dim: int = 112, depth: int = 6, heads: int = 4, mlp_ratio: float = 2.0, patch: int = 8,
                 skips=(2, 4), dec=(16, 32, 64), size: int = 96, num_classes: int = NUM_CLASSES):
        super().__init__()
        assert size % patch == 0 and patch == 8, 'decoder is laid out for patch 8 (3 upsamplings)'
        self.dim, self.depth, self.patch, self.skips = dim, depth, patch, tuple(skips)
        self.grid = size // patch
        self.tokens = self.grid * self.grid
        c0, c1, c2 = dec
        self.patch_embed = nn.Conv2d(1, dim, patch, stride=patch)
        self.pos = nn.Parameter(torch.zeros(1, self.tokens, dim))
        nn.init.trunc_normal_(self.pos, std=0.02)
        self.blocks = nn.ModuleList([TransformerBlock(dim, heads, mlp_ratio, self.grid) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        # encoder-side skip paths
        self.stem = nn.Sequential(ConvBNReLU(1, c0), ConvBNReLU(c0, c0))                 # 96x96
        self.skip1 = nn.Sequential(UpBlock(dim, c1), UpBlock(c1, c1))                       # 12 -> 48
        self.skip2 = UpBlock(dim, c2)                                                       # 12 -> 24
        # decoder
        self.up3 = UpConvT(dim, c2)                                                         # 12 -> 24
        self.dec3 = nn.Sequential(ConvBNReLU(2 * c2, c2), ConvBNReLU(c2, c2))
        self.up2 = UpConvT(c2, c1)                                                          # 24 -> 48
        self.dec2 = nn.Sequential(ConvBNReLU(2 * c1, c1), ConvBNReLU(c1, c1))
        self.up1 = UpConvT(c1, c0)                                                          # 48 -> 96
        self.dec1 = nn.Sequential(ConvBNReLU(2 * c0, c0), ConvBNReLU(c0, c0))
        self.classifier = nn.Conv2d(c0, num_classes, 1)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def _grid(self, t):                                     # [B, 144, D] -> [B, D, 12, 12]
        return t.transpose(1, 2).reshape(-1, self.dim, self.grid, self.grid)

    def forward(self, x, return_bottleneck: bool = False):
        t = self.patch_embed(x).reshape(-1, self.dim, self.tokens).transpose(1, 2) + self.pos
        feats = {}
        for i, blk in enumerate(self.blocks, start=1):
            t = blk(t)
            if i in self.skips:
                feats[i] = t
        b = self._grid(self.norm(t))                                    # [B, D, 12, 12]
        s0 = self.stem(x)
        s1 = self.skip1(self._grid(feats[self.skips[0]]))
        s2 = self.skip2(self._grid(feats[self.skips[1]]))
        y = self.dec3(torch.cat([self.up3(b), s2], dim=1))
        y = self.dec2(torch.cat([self.up2(y), s1], dim=1))
        y = self.dec1(torch.cat([self.up1(y), s0], dim=1))
        logits = self.classifier(y)
        return (logits, b) if return_bottleneck else logits


def build(name: str, **kw) -> nn.Module:
    if name == 'unet':
        return UNet(**kw)
    if name == 'deeplab':
        return DeepLabV3(**kw)
    if name == 'unetr':
        return UNETR(**kw)
    raise ValueError(name)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
