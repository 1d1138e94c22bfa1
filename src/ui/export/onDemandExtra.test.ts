import { describe, expect, it } from 'vitest';
import { IDLE_ROBUSTNESS, type RobustnessView } from '../../app/robustness';
import { IDLE_SANITY, type SanityView } from '../../app/sanity';
import { mergeExtras, onDemandExtra } from './onDemandExtra';

const map = { data: new Float32Array(4), size: [2, 2] as [number, number], positive: true };
const robust: RobustnessView = {
  ...IDLE_ROBUSTNESS,
  status: 'done',
  result: {
    target: {} as never,
    methods: { gradcam: { mean: 0.75, values: [0.5, 1] }, xres: { mean: NaN, values: [NaN] } },
    sigma: 0.1,
    draws: 2,
    ms: 1,
  },
};
const NO_SANITY_CONTROLS = { random: 0, edge: 1, blurred: {} };
const sanity: SanityView = {
  ...IDLE_SANITY,
  status: 'done',
  steps: [
    { step: 0, layers: [], maps: { gradcam: map }, spearman: { gradcam: 1 }, controls: NO_SANITY_CONTROLS },
    {
      step: 1,
      layers: ['logits'],
      maps: { gradcam: map },
      controls: NO_SANITY_CONTROLS,
      spearman: { gradcam: 0.2 },
      emprt: { gradcam: { original: 1, randomised: 1.5, rise: 0.5 } },
    },
  ],
};

describe('the report’s on-demand read-outs', () => {
  it('write robustness and eMPRT per method, null where undefined', () => {
    const e = onDemandExtra(robust, sanity);
    expect(e.gradcam?.metrics).toEqual({
      robustness: { meanPearson: 0.75, draws: 2, sigma: 0.1 },
      emprt: { rise: 0.5, entropyOriginal: 1, entropyRandomised: 1.5 },
    });
    expect(e.xres?.metrics).toEqual({ robustness: { meanPearson: null, draws: 2, sigma: 0.1 } });
  });

  it('add nothing when not measured, or while running', () => {
    expect(onDemandExtra(IDLE_ROBUSTNESS, IDLE_SANITY)).toEqual({});
    expect(onDemandExtra({ ...robust, status: 'running' }, { ...sanity, status: 'running' })).toEqual({});
  });

  it('merge with the faithfulness extra, keeping both', () => {
    const faith = { gradcam: { metrics: { faithfulness: { deletionAuc: 0.1 } }, curves: {} } };
    const merged = mergeExtras(faith, onDemandExtra(robust, sanity));
    expect(Object.keys(merged.gradcam?.metrics ?? {})).toEqual(['faithfulness', 'robustness', 'emprt']);
  });
});
