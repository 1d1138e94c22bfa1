import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'gradcam',
  title: 'Seg-Grad-CAM',
  description: 'Gradients averaged over the whole layer: one weight per channel, blind to where the region is.',
  reference: {
    authors: 'Vinogradova, Dibrov, Myers',
    year: 2020,
    venue: 'AAAI (student abstract)',
    title: 'Towards Interpretable Semantic Segmentation via Gradient-weighted Class Activation Mapping',
    url: 'https://arxiv.org/abs/2002.11434',
  },
  plot: { color: '#2f7fd0', dash: '', marker: 'circle' },
  difference: 'b',
  needs: 'gradients',
  shownByDefault: true,
  settings: {},
  help: {
    what:
      'One weight per channel of the layer: the gradient of the region’s score S, averaged over the whole layer. The ' +
      'map adds up the channels with these weights, so it shows the features the region relies on wherever they ' +
      'occur in the image, not only near the region.',
    equation:
      String.raw`\begin{gathered} S = \sum_{(i,j)\in M} Y^c_{ij}, \qquad G = \frac{\partial S}{\partial A} \\ ` +
      String.raw`\alpha_k = \frac{1}{h\,w}\sum_{i=1}^{h}\sum_{j=1}^{w} G_{k,ij} \\ \text{map} = ` +
      String.raw`\operatorname{ReLU}\Big(\sum_k \alpha_k A_k\Big) \end{gathered}`,
    settingsNote: 'It is Seg-XRes-CAM with the whole grid as one window and mean pooling.',
  },
  summary: () => 'gradients averaged over the whole layer',
});
