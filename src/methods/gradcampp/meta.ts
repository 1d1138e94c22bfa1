import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'gradcampp',
  title: 'Grad-CAM++',
  description: 'Channel weights from positive gradients, each cell weighted by second- and third-order terms (eq. 19).',
  reference: {
    authors: 'Chattopadhay, Sarkar, Howlader, Balasubramanian', year: 2018, venue: 'WACV',
    title: 'Grad-CAM++: Generalized Gradient-based Visual Explanations for Deep Convolutional Networks',
    url: 'https://arxiv.org/abs/1710.11063',
  },
  needs: 'gradients',
  shownByDefault: false,
  settings: {},
  summary: () => 'weighted positive gradients (eq. 19)',
});
