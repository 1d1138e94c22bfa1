import { defineMethod } from '../../core/method';
import { effectiveWindow, isWholeGrid } from '../../core/window';

export const meta = defineMethod({
  id: 'xres',
  title: 'Seg-XRes-CAM',
  description: 'Gradients pooled over p×q windows: each part of the layer keeps its own weights (1×1 = HiResCAM).',
  reference: {
    authors: 'Hasany, Petitjean, Mériaudeau',
    year: 2023,
    venue: 'CVPR Workshops',
    title: 'Seg-XRes-CAM: Explaining Spatially Local Regions in Image Segmentation',
    url: 'https://arxiv.org/abs/2303.12614',
  },
  plot: { color: '#d0622f', dash: '7 4', marker: 'square' },
  difference: 'a',
  needs: 'gradients',
  shownByDefault: true,
  settings: {
    pool: {
      kind: 'choice',
      label: 'Pooling',
      link: 'pool',
      default: 'max',
      options: [
        { value: 'max', label: 'max' },
        { value: 'mean', label: 'mean' },
      ],
      help: 'How the gradients of a window are pooled. The paper uses max.',
    },
    window: {
      kind: 'window',
      label: 'Window size',
      link: 'win',
      default: 2,
      min: 0,
      max: 256,
      help:
        'Side of the pooling window in layer cells: 1×1 is HiResCAM, the full grid with mean pooling is ' +
        'Seg-Grad-CAM.',
      equivalent: (window, grid, s) =>
        isWholeGrid(window, grid) ? (s.pool === 'mean' ? 'Seg-Grad-CAM' : null) : window === 1 ? 'HiResCAM' : null,
    },
    edges: {
      kind: 'choice',
      label: 'Edges',
      link: 'edges',
      default: 'valid',
      options: [
        { value: 'valid', label: 'valid cells only (ours)' },
        { value: 'reference', label: "zero-pad, as the paper's code" },
      ],
      help:
        "Windows cut by the border pool over their valid cells (ours); the paper's code zero-pads them, which " +
        'dilutes a mean and turns a max of negative gradients into 0.',
    },
  },
  help: {
    what:
      'Like Seg-Grad-CAM, but the gradients are pooled over small p×q windows of the layer instead of the whole ' +
      'layer, so each part of the image keeps its own weights. The map stays on what matters for this region, near ' +
      'where it is. A 1×1 window is HiResCAM; the whole grid with mean pooling is Seg-Grad-CAM.',
    equation:
      String.raw`\begin{gathered} S = \sum_{(i,j)\in M} Y^c_{ij}, \qquad G = \frac{\partial S}{\partial A} \\ G'_k = ` +
      String.raw`\operatorname{Up}\big[\operatorname{Pool}_{p\times q}(G_k)\big] \\ \text{map} = ` +
      String.raw`\operatorname{ReLU}\Big(\sum_k G'_k \odot A_k\Big) \end{gathered}`,
    settingsNote:
      'Pool takes the max or the mean of each non-overlapping p×q window of the layer’s h×w grid (the paper calls ' +
      'the window h×w); Up copies each pooled value back over its window.',
  },
  summary: (s, grid) => {
    const [p, q] = grid ? effectiveWindow(s.window, grid) : [s.window, s.window];
    return `${s.pool}-pooled gradients, window ${grid ? `${p}×${q}` : ''}`;
  },
});
