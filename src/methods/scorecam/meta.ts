import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'scorecam',
  title: 'Score-CAM',
  description:
    'Gradient-free: each channel, upsampled, masks the image; its weight is the gain in the class confidence over ' +
    'the region.',
  reference: {
    authors: 'Wang, Wang, Du, Yang, Zhang, Ding, Mardziel, Hu',
    year: 2020,
    venue: 'CVPR Workshops',
    title: 'Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural Networks',
    url: 'https://arxiv.org/abs/1910.01279',
  },
  plot: { color: '#d14d8a', dash: '1 2', marker: 'star' },
  progressUnit: 'channels',
  needs: 'activations',
  shownByDefault: false,
  settings: {},
  help: {
    what:
      'No gradients: each channel of the layer, upsampled and scaled to [0, 1], masks the image, and the model runs ' +
      'on each masked image. A channel’s weight is how much it raises the class’s probability over the region, ' +
      'compared with the baseline alone. That is K forward passes, run as a job you can cancel.',
    equation:
      String.raw`\begin{gathered} H_k = \operatorname{minmax}\big(\operatorname{Up}(A_k)\big), \qquad x_k = b + H_k ` +
      String.raw`\odot (x - b) \\ s_k = \operatorname{mean}_{M} \Pr(c \mid x_k) - \operatorname{mean}_{M} \Pr(c \mid ` +
      String.raw`b) \\ \text{map} = \operatorname{ReLU}\Big(\sum_k s_k A_k\Big) \end{gathered}`,
    settingsNote:
      'b is the Baseline setting; Pr is the softmax of the logits (the sigmoid for a one-channel model). ' +
      'pytorch-grad-cam takes a softmax over the raw region scores instead, which on a sum of logits over a region ' +
      'is one-hot, so we use the confidence increase of the Score-CAM paper.',
  },
  summary: () => 'one forward pass per channel of the layer',
});
