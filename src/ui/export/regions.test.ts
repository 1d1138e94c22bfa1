import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SufficientRegions } from '../../core/method';
import { decodeNpy } from '../../render/npy';
import { DEFAULT_PARAMS, type ViewParams } from '../../state/params';
import { EMPTY_RESULT } from '../../state/resultsSlice';
import { shareLink } from '../../state/shareLink';
import { decodeParams, encodeParams } from '../../state/urlCodec';
import { minimalRegionText, sufficientRegionText } from '../panels/jobProgressText';
import { metricsCsv, metricsOf, reportFiles, zipReport } from './report';
import { testView } from '../../../scripts/testing/testView';

// MiSuRe's read-outs on their way out of the app: the panel's words, the report and the share link.

const REGIONS: SufficientRegions = {
  threshold: 0.85,
  sufficient: {
    mask: Uint8Array.from([1, 1, 0, 1, 0, 0]),
    size: [2, 3],
    kept: 0.5,
    dice: 0.9,
    radius: 16,
    reached: true,
  },
  minimal: { kept: 0.125, dice: 0.875 },
};

function misureView() {
  const view = testView();
  view.params = { ...view.params, methods: [...view.params.methods, 'misure'] };
  view.results.misure = {
    ...EMPTY_RESULT,
    status: 'done',
    map: { data: Float32Array.from([0, 1, 0, 0.5, 0, 0]), size: [2, 3], positive: true },
    regions: REGIONS,
  };
  return view;
}

describe('MiSuRe read-outs', () => {
  it('the panel says each region’s share, Dice and, for stage 1, its radius or that it fell short', () => {
    expect(sufficientRegionText(REGIONS)).toBe('50.0% of the image, Dice 0.90 (grown 16 px)');
    expect(minimalRegionText(REGIONS)).toBe('12.5% of the image, Dice 0.88');
    const short = { ...REGIONS, sufficient: { ...REGIONS.sufficient, kept: 1, dice: 0.6, reached: false } };
    expect(sufficientRegionText(short)).toBe('100.0% of the image, Dice 0.60 (below τ = 0.85 even so)');
  });

  it('the report holds both regions’ read-outs and the sufficient region as .npy', () => {
    const view = misureView();
    const created = new Date(2026, 0, 2);
    const metrics = metricsOf(view, created);
    expect(metrics.methods.misure?.metrics.regions).toEqual({
      threshold: 0.85,
      sufficientKept: 0.5,
      sufficientDice: 0.9,
      sufficientRadius: 16,
      sufficientReached: true,
      minimalKept: 0.125,
      minimalDice: 0.875,
    });
    expect(metrics.methods.gradcam?.metrics.regions).toBeUndefined();
    expect(metricsCsv(metrics)).toContain('misure,MiSuRe,done,regions.minimalDice,0.875');
    const link = shareLink(view.params, 'https://example.org/');
    const files = unzipSync(zipReport(reportFiles({ view, link, created, pngs: {} }), created));
    const npy = decodeNpy(files['maps/misure_sufficient.npy'] as Uint8Array);
    expect(npy.shape).toEqual([2, 3]);
    expect(Array.from(npy.data)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(strFromU8(files['README.txt'] as Uint8Array)).toContain('_sufficient.npy');
    expect(
      Object.keys(unzipSync(zipReport(reportFiles({ view: testView(), link, created, pngs: {} }), created))),
    ).not.toContain('maps/misure_sufficient.npy');
  });

  it('its settings and its place on screen travel in the share link and come back equal', () => {
    const params: ViewParams = {
      ...DEFAULT_PARAMS,
      methods: ['gradcam', 'misure'],
      settings: {
        ...DEFAULT_PARAMS.settings,
        misure: { threshold: 0.75, l1: 2.5, tv: 0, steps: 5, resolution: 8 },
      },
    };
    const query = encodeParams(params);
    expect(query.get('m')).toBe('gradcam,misure');
    expect([query.get('mdice'), query.get('ml1'), query.get('mtv'), query.get('msteps'), query.get('mres')]).toEqual([
      '0.75',
      '2.5',
      '0',
      '5',
      '8',
    ]);
    expect(decodeParams(query.toString(), { models: ['selfie'], images: ['astronaut'] })).toEqual({
      params,
      warnings: [],
    });
    // Out of range: clamped with a warning, never a crash.
    const { params: clamped, warnings } = decodeParams('?m=misure&msteps=100000&mres=1', {
      models: ['selfie'],
      images: ['astronaut'],
    });
    expect(clamped.settings.misure.steps).toBe(500);
    expect(clamped.settings.misure.resolution).toBe(2);
    expect(warnings).toHaveLength(2);
  });
});
