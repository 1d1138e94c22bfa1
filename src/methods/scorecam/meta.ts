import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'scorecam',
  title: 'Score-CAM',
  description: 'Gradient-free: each channel, upsampled, masks the image; its weight is the gain in the class confidence over the region.',
  reference: {
    authors: 'Wang, Wang, Du, Yang, Zhang, Ding, Mardziel, Hu', year: 2020, venue: 'CVPR Workshops',
    title: 'Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural Networks',
    url: 'https://arxiv.org/abs/1910.01279',
  },
  needs: 'activations',
  shownByDefault: false,
  settings: {},
  summary: () => 'one forward pass per channel of the layer',
});
