import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'layercam',
  title: 'LayerCAM',
  description: 'Each cell weighted by its own positive gradient: ReLU(Σ_k ReLU(G_k) ⊙ A_k).',
  reference: {
    authors: 'Jiang, Zhang, Hou, Cheng, Wei',
    year: 2021,
    venue: 'IEEE Transactions on Image Processing',
    title: 'LayerCAM: Exploring Hierarchical Class Activation Maps for Localization',
    url: 'https://doi.org/10.1109/TIP.2021.3089943',
  },
  plot: { color: '#b45fc4', dash: '10 3 2 3', marker: 'diamond' },
  needs: 'gradients',
  shownByDefault: false,
  settings: {},
  help: {
    what:
      'Each cell of each channel is weighted by its own gradient, negative gradients counted as 0. It is HiResCAM ' +
      '(Seg-XRes-CAM at 1×1) without the negative evidence, so it keeps fine detail, also at shallow layers.',
    equation:
      String.raw`\begin{gathered} G = \frac{\partial S}{\partial A}, \qquad S = \sum_{(i,j)\in M} Y^c_{ij} \\ ` +
      String.raw`\text{map} = \operatorname{ReLU}\Big(\sum_k \operatorname{ReLU}(G_k) \odot A_k\Big) \end{gathered}`,
  },
  summary: () => 'positive gradients, cell by cell',
});
