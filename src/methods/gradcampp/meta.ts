import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'gradcampp',
  title: 'Grad-CAM++',
  description: 'Channel weights from positive gradients, each cell weighted by second- and third-order terms (eq. 19).',
  reference: {
    authors: 'Chattopadhay, Sarkar, Howlader, Balasubramanian',
    year: 2018,
    venue: 'WACV',
    title: 'Grad-CAM++: Generalized Gradient-based Visual Explanations for Deep Convolutional Networks',
    url: 'https://arxiv.org/abs/1710.11063',
  },
  plot: { color: '#9a8a00', dash: '4 2 1 2', marker: 'cross' },
  needs: 'gradients',
  shownByDefault: false,
  settings: {},
  help: {
    what:
      'One weight per channel, like Seg-Grad-CAM, but made of positive gradients only, each cell weighted by a ' +
      'second- and third-order term (eq. 19 of the paper). It was designed to cover several objects of one class ' +
      'better than Grad-CAM.',
    equation:
      String.raw`\begin{gathered} a_k = \frac{G_k^2}{2G_k^2 + \big(\sum_{h,w} A_k\big)\,G_k^3 + 10^{-6}} \quad (a_k ` +
      String.raw`= 0 \text{ where } G_k = 0) \\ w_k = \sum_{h,w} \operatorname{ReLU}(G_k)\, a_k \\ \text{map} = ` +
      String.raw`\operatorname{ReLU}\Big(\sum_k w_k A_k\Big) \end{gathered}`,
    settingsNote: 'The powers and the division are taken cell by cell, as in pytorch-grad-cam.',
  },
  summary: () => 'weighted positive gradients (eq. 19)',
});
