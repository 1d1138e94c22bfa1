import { defineMethod } from '../../core/method';
import { CHECK_EVERY, DEFAULT_TOLERANCE, MIN_MASKS } from './stability';

export const meta = defineMethod({
  id: 'rise',
  title: 'RISE',
  description: 'Random masks, each weighted by the Dice of the region’s prediction on the masked image.',
  reference: {
    authors: 'Petsiuk, Das, Saenko',
    year: 2018,
    venue: 'BMVC',
    title: 'RISE: Randomized Input Sampling for Explanation of Black-box Models',
    url: 'https://arxiv.org/abs/1806.07421',
  },
  plot: { color: '#1f9e6e', dash: '2 3', marker: 'triangle' },
  role: 'reference',
  progressUnit: 'masks',
  needs: 'predictions',
  shownByDefault: true,
  settings: {
    count: {
      kind: 'int',
      label: 'Masks (N)',
      link: 'n',
      default: 2000,
      min: 1,
      max: 8000,
      step: 100,
      help: 'Number of random masks; the paper uses 2000.',
    },
    gridSize: {
      kind: 'int',
      label: 'Grid size (s)',
      link: 's',
      default: 8,
      min: 2,
      max: 32,
      step: 1,
      help: 'Cells per side of each mask before upsampling.',
    },
    keepProbability: {
      kind: 'decimal',
      label: 'Keep probability (p)',
      link: 'p',
      default: 0.5,
      min: 0.05,
      max: 0.95,
      step: 0.05,
      decimals: 3,
      help: 'Probability that a cell is kept (uniform draw; the reference code draws randn < p).',
    },
    stop: {
      kind: 'choice',
      label: 'Stop',
      link: 'stop',
      default: 'stable',
      // Links made before this setting ran all N masks: they still do.
      linkAbsent: 'all',
      options: [
        { value: 'stable', label: 'when stable' },
        { value: 'all', label: 'after all N masks' },
      ],
      help:
        'When stable: stop as soon as more masks would change the map less than a new seed would (checked every ' +
        `${CHECK_EVERY} masks, never before ${MIN_MASKS}); N is then the most it draws. After all N: the paper’s run.`,
    },
    tolerance: {
      kind: 'decimal',
      label: 'Stop tolerance',
      link: 'tol',
      default: DEFAULT_TOLERANCE,
      min: 0.25,
      max: 4,
      step: 0.25,
      decimals: 2,
      help:
        'A run stops when its map is expected to differ from the N-mask map by at most this many times the ' +
        'difference between two N-mask runs with different seeds (split-half stability, docs/METHOD.md). ' +
        'Lower: more masks. The default comes from docs/rise-convergence.md.',
    },
    weighting: {
      kind: 'choice',
      label: 'Mask weights',
      link: 'rw',
      // Chosen by measurement (docs/rise-weights.md): more mass on the object, no worse deletion, far less kept.
      default: 'centred',
      // Links made before this setting used the paper's form: they still do.
      linkAbsent: 'dice',
      options: [
        { value: 'centred', label: 'centred (covariance)' },
        { value: 'dice', label: 'Dice (paper)' },
        { value: 'probability', label: 'mean probability (original RISE)' },
      ],
      help:
        'Dice (the paper): the map is Σ wᵢ mᵢ / (N p). When the region’s prediction survives most masks (one pixel, ' +
        'a large object) almost every wᵢ is 1 and the map is nearly flat. Centred: Σ (wᵢ − w̄) mᵢ / (N p (1 − p)), ' +
        'the covariance of keeping a pixel and the score, with ReLU: only what moves the score stays. Mean ' +
        'probability (the original RISE): wᵢ is the class’s mean probability over the region on masked image i; ' +
        'it needs the probabilities, which the per-mask cache does not keep, so a new region or class runs new ' +
        'forward passes (the same region re-uses them) (docs/METHOD.md).',
    },
    seed: {
      kind: 'int',
      label: 'Seed',
      link: 'seed',
      default: 1,
      min: 0,
      max: 2 ** 31 - 1,
      step: 1,
      help: 'Seed of the masks: the same seed gives the same masks everywhere.',
    },
  },
  help: {
    what:
      'A black-box method: it never looks inside the network. It hides random parts of the image N times, runs the ' +
      'model on each masked image, and scores each mask by how well the region’s prediction survives (Dice). The map ' +
      'is the average of the masks, weighted by those scores.',
    equation:
      String.raw`\begin{gathered} w_i = \operatorname{Dice}\big(P_i^c \cap M,\; P^c \cap M\big), \qquad ` +
      String.raw`\operatorname{Dice}(a, b) = \frac{2\,|a \cap b|}{|a| + |b|} \\ \text{map} = ` +
      String.raw`\frac{1}{N\,p}\sum_{i=1}^{N} w_i\, m_i \quad \text{or, centred,} \quad ` +
      String.raw`\operatorname{ReLU}\Big(\frac{1}{N\,p\,(1-p)}\sum_{i=1}^{N} (w_i - \bar w)\, m_i\Big) ` +
      String.raw`\end{gathered}`,
    settingsNote:
      'mᵢ is mask i: an s×s grid of cells, each kept with probability p, smoothed and shifted at random; hidden ' +
      'pixels get the baseline. More masks give a smoother map and take longer.',
  },
  summary: (s) =>
    (s.stop === 'stable' ? `up to ${s.count} masks (stop when stable, tolerance ${s.tolerance})` : `${s.count} masks`) +
    ', ' +
    `s = ${s.gridSize}, p = ${s.keepProbability}` +
    (s.weighting === 'centred'
      ? ', centred weights'
      : s.weighting === 'probability'
        ? ', mean-probability weights (original RISE: another region runs its own passes)'
        : ', Dice weights (paper)'),
});
