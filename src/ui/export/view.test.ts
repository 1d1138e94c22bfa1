import { describe, expect, it } from 'vitest';
import type { SufficiencyReading } from '../../core/results';
import { EMPTY_RESULT } from '../../state/resultsSlice';
import { testView } from '../../../scripts/testing/testView';
import { describeRegion, panelLines, PNG_LINE_LABELS, pngBlocker, pngCaption, reportBlocker, stamp } from './view';

describe('panelLines', () => {
  it('gives every label, in order, with the method, region, class, layer, model, image and sufficiency', () => {
    const lines = panelLines(testView(), 'gradcam');
    expect(lines.map((l) => l.label)).toEqual([...PNG_LINE_LABELS]);
    const v = Object.fromEntries(lines.map((l) => [l.label, l.value]));
    expect(v.Region).toBe('pixel at (0.45, 0.30) · 2 output pixels');
    expect(v.Class).toBe('person (index 1), predicted at the region');
    expect(v.Layer).toBe('bottleneck (2×2×8)');
    expect(v.Model).toBe('MediaPipe selfie · wasm');
    expect(v.Image).toBe('Astronaut (Eileen Collins) (512×512)');
    expect(v.Sufficiency).toBe('Dice 0.750, 50.0 % retained (t = 0.20, baseline mean)');
  });

  it('adds SmoothGrad n to the settings line of the gradient methods only, when it is on', () => {
    const view = testView();
    const on = { ...view, params: { ...view.params, smoothGrad: 3 } };
    const line = (v: typeof view, id: 'xres' | 'rise') => panelLines(v, id).find((l) => l.label === 'Settings')?.value;
    expect(line(on, 'xres')).toBe('max-pooled gradients, window 2×2 · SmoothGrad n = 3');
    expect(line(view, 'xres')).toBe('max-pooled gradients, window 2×2');
    expect(line(on, 'rise')).toBe(line(view, 'rise'));
  });

  it("uses the method's own summary, says when sufficiency is unknown and that RISE has no layer", () => {
    const view = testView();
    const xres = Object.fromEntries(panelLines(view, 'xres').map((l) => [l.label, l.value]));
    expect(xres.Settings).toBe('max-pooled gradients, window 2×2');
    expect(xres.Sufficiency).toBe('not known yet (t = 0.20, baseline mean)');
    const kept = panelLines(
      {
        ...view,
        results: {
          ...view.results,
          gradcam: {
            ...view.results.gradcam,
            sufficiency: { dice: 1, retained: 0.25, confidenceKept: 0.5 } as SufficiencyReading,
          },
        },
      },
      'gradcam',
    );
    expect(kept.at(-1)?.value).toBe('Dice 1.000, 25.0 % retained, confidence kept 0.500 (t = 0.20, baseline mean)');
    const rise = Object.fromEntries(panelLines(view, 'rise').map((l) => [l.label, l.value]));
    expect(rise.Layer).toBe('none: perturbs the input');
    expect(rise.Settings).toBe('up to 2000 masks (stop when stable, tolerance 1), s = 8, p = 0.5, centred weights');
    // The same number of lines whatever the view holds: the picture's size depends on the image only.
    expect(panelLines(testView({ target: null, image: null, model: null, backend: null }), 'xres')).toHaveLength(
      PNG_LINE_LABELS.length,
    );
  });

  it('says n/a, with the reason, for a read-out that is not a number worth reading', () => {
    const view = testView();
    const line = (sufficiency: SufficiencyReading) =>
      panelLines(
        { ...view, results: { ...view.results, gradcam: { ...view.results.gradcam, sufficiency } } },
        'gradcam',
      ).at(-1)?.value;
    const notPredicted = {
      dice: 0,
      retained: 0.25,
      confidenceKept: 18871.961,
      originalConfidence: 4e-6,
      classPixels: 0,
    };
    expect(line(notPredicted)).toBe(
      'Dice n/a (the class is not predicted in the region), 25.0 % retained (t = 0.20, baseline mean)',
    );
    expect(line({ ...notPredicted, classPixels: 2, dice: 0.5 })).toBe(
      "Dice 0.500, 25.0 % retained, confidence kept n/a (the class's probability in the region is below 0.01) " +
        '(t = 0.20, baseline mean)',
    );
  });
});

describe('describeRegion', () => {
  const classes = [{ name: 'background' }, { name: 'person' }];
  it('says each kind of region in words', () => {
    expect(describeRegion({ kind: 'component', x: 0.1, y: 0.2 })).toBe('connected blob at (0.10, 0.20)');
    expect(describeRegion({ kind: 'class', x: 0.1, y: 0.2 })).toBe('whole class, clicked at (0.10, 0.20)');
    expect(describeRegion({ kind: 'box', x0: 0.5, y0: 0.6, x1: 0.1, y1: 0.2, exact: true })).toBe(
      'box (0.10, 0.20)–(0.50, 0.60), drawn pixels as they are',
    );
    expect(
      describeRegion({
        kind: 'polygon',
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 0 },
          { x: 0, y: 1 },
        ],
      }),
    ).toBe('lasso of 3 vertices');
    expect(describeRegion({ kind: 'brush', width: 2, height: 2, mask: Uint8Array.from([1, 0, 1, 1]) })).toBe(
      'brush, 3 cells of 2×2',
    );
    expect(describeRegion({ kind: 'border', zone: { kind: 'component', x: 0.5, y: 0.5 } })).toBe(
      'border of the connected blob at (0.50, 0.50)',
    );
    expect(describeRegion({ kind: 'contrastive', area: { kind: 'point', x: 0.5, y: 0.5 }, versus: 0 }, classes)).toBe(
      'pixel at (0.50, 0.50), rather than background',
    );
  });
});

describe('availability', () => {
  it('lets a finished map be saved and says why the others cannot', () => {
    const view = testView();
    expect(pngBlocker(view.results.gradcam)).toBeNull();
    expect(pngBlocker(EMPTY_RESULT)).toMatch(/click the image/);
    expect(pngBlocker({ ...EMPTY_RESULT, status: 'running', map: view.results.gradcam.map })).toMatch(
      /still being computed/,
    );
    expect(pngBlocker(view.results.rise)).toMatch(/failed/);
    expect(pngBlocker({ ...EMPTY_RESULT, status: 'cancelled', map: view.results.gradcam.map })).toMatch(/Cancelled/);
  });

  it('makes the report once nothing on screen is running and one map is finished', () => {
    const view = testView();
    expect(reportBlocker(view)).toBeNull(); // RISE failed: the report says so, and still holds the others
    expect(reportBlocker({ ...view, target: null })).toMatch(/click the image/);
    expect(reportBlocker({ ...view, params: { ...view.params, methods: [] } })).toMatch(/No method/);
    expect(reportBlocker({ ...view, results: { ...view.results, rise: { ...EMPTY_RESULT, status: 'running' } } })).toBe(
      'Waiting for RISE to finish',
    );
    expect(reportBlocker({ ...view, params: { ...view.params, methods: ['rise'] } })).toBe('No finished map to export');
  });
});

it('stamps the app and the local date', () => {
  expect(stamp(new Date(2025, 0, 2, 3, 4, 5))).toBe('SegExplain · 2025-01-02 03:04');
});

it('names the red outer ring of a border target under the colour bar', () => {
  expect(pngCaption(false)).not.toMatch(/red/);
  expect(pngCaption(true)).toMatch(/red: its outer ring/);
});
