import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'misure',
  title: 'MiSuRe',
  description:
    'The smallest part of the image that still keeps the region’s prediction: a grown sufficient region, then a ' +
    'mask optimised to shrink it.',
  reference: {
    authors: 'Hasany, Mériaudeau, Petitjean',
    year: 2024,
    venue: 'arXiv 2406.12173',
    title: 'MiSuRe is all you need to explain your image segmentation',
    url: 'https://arxiv.org/abs/2406.12173',
  },
  plot: { color: '#7a6ff0', dash: '6 2 2 2', marker: 'circle' },
  progressUnit: 'steps',
  needs: 'predictions',
  // Dozens of forward and backward passes: added from the method picker when wanted.
  shownByDefault: false,
  settings: {
    threshold: {
      kind: 'decimal',
      label: 'Dice threshold (τ)',
      link: 'mdice',
      default: 0.9,
      min: 0.5,
      max: 1,
      step: 0.05,
      decimals: 2,
      help: 'Stage 1 grows the region until the masked image’s prediction reaches this Dice with the original.',
    },
    l1: {
      kind: 'decimal',
      label: 'λ L1 (area)',
      link: 'ml1',
      default: 1,
      min: 0,
      max: 10,
      step: 0.1,
      decimals: 2,
      help: 'Weight of the share of the image the mask keeps: higher gives a smaller region.',
    },
    tv: {
      kind: 'decimal',
      label: 'λ TV (smoothness)',
      link: 'mtv',
      default: 0.2,
      min: 0,
      max: 10,
      step: 0.1,
      decimals: 2,
      help: 'Weight of the total variation of the coarse mask: higher gives fewer, rounder blobs.',
    },
    steps: {
      kind: 'int',
      label: 'Steps',
      link: 'msteps',
      default: 60,
      min: 1,
      max: 500,
      step: 10,
      help: 'Gradient steps (Adam, learning rate 0.1) of stage 2; each is one forward and one backward pass.',
    },
    resolution: {
      kind: 'int',
      label: 'Mask resolution',
      link: 'mres',
      default: 28,
      min: 2,
      max: 128,
      step: 2,
      help: 'Cells of the optimised mask along the image’s longer side; it is upsampled bilinearly to the image.',
    },
  },
  help: {
    what:
      'Two stages. First the region’s own prediction is grown (dilated) until the image with everything else ' +
      'hidden gives back the region’s prediction (Dice ≥ τ): a sufficient region, outlined on the map. Then a soft ' +
      'mask inside it is optimised by gradient descent to keep the prediction while keeping as little of the image ' +
      'as possible: the map is that minimal mask.',
    equation:
      String.raw`\begin{gathered} \tilde x = m \odot x + (1 - m) \odot b, \qquad m = \mathbb{1}_{SR} \odot ` +
      String.raw`\operatorname{Up}\big(\sigma(\theta)\big) \\ L(\theta) = 1 - \operatorname{Dice}_{\text{soft}}` +
      String.raw`\big(\Pr(c \mid \tilde x), P^c\big)_M + \lambda_1 \operatorname{mean}(m) + \lambda_{TV} ` +
      String.raw`\operatorname{TV}\big(\sigma(\theta)\big) \end{gathered}`,
    settingsNote:
      'b is the Baseline setting. The paper publishes no code: the dilation step, the mask’s parameterisation, the ' +
      'optimiser and the binarisation are our choices, stated in docs/METHOD.md.',
  },
  summary: (s) => `Dice ≥ ${s.threshold}, ${s.steps} steps on a ${s.resolution}-cell mask, λ₁ ${s.l1}, λ_TV ${s.tv}`,
});
