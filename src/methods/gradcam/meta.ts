import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'gradcam',
  title: 'Seg-Grad-CAM',
  description: 'Gradients averaged over the whole layer: one weight per channel, blind to where the region is.',
  reference: {
    authors: 'Vinogradova, Dibrov, Myers', year: 2020, venue: 'AAAI (student abstract)',
    title: 'Towards Interpretable Semantic Segmentation via Gradient-weighted Class Activation Mapping',
    url: 'https://arxiv.org/abs/2002.11434',
  },
  needs: 'gradients',
  shownByDefault: true,
  settings: {},
  summary: () => 'gradients averaged over the whole layer',
});
