import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../render/npy';
import { shareLink } from '../../state/shareLink';
import {
  csvField,
  curvesCsv,
  metricsCsv,
  metricsOf,
  pngFileName,
  reportFileName,
  reportFiles,
  zipReport,
} from './report';
import { testView } from '../../../scripts/testing/testView';

const created = new Date(2025, 5, 7, 8, 9, 10);
const BASE = 'https://example.org/segexplain/';

function report(view = testView()) {
  const files = reportFiles({
    view,
    link: shareLink(view.params, BASE),
    created,
    pngs: { gradcam: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]) },
  });
  return unzipSync(zipReport(files, created));
}

describe('the report zip', () => {
  it('holds the finished maps, the region mask, params, metrics and the PNGs', () => {
    const files = report();
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'maps/gradcam.npy',
      'maps/xres.npy',
      'metrics.csv',
      'metrics.json',
      'panels/gradcam.png',
      'params.json',
      'region_mask.npy',
    ]);
    const xres = decodeNpy(files['maps/xres.npy']!);
    expect(xres.dtype).toBe('<f4');
    expect(xres.shape).toEqual([2, 3]);
    expect(Array.from(xres.data)).toEqual(Array.from(testView().results.xres.map!.data));
    const mask = decodeNpy(files['region_mask.npy']!);
    expect(mask.dtype).toBe('|u1');
    expect(mask.shape).toEqual([4, 4]);
    expect(Array.from(mask.data).reduce((a, b) => a + b, 0)).toBe(2);
    expect(Array.from(files['panels/gradcam.png']!)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(strFromU8(files['README.txt']!)).toContain('numpy.load("maps/xres.npy")');
  });

  it('writes params.json with the view, the share link and what was explained', () => {
    const params = JSON.parse(strFromU8(report()['params.json']!));
    expect(params.shareLink.url.startsWith(`${BASE}?v=1&model=selfie&img=astronaut&region=`)).toBe(true);
    expect(params.shareLink.reproducesView).toBe(true);
    expect(params.shareLink.cannotHold).toBeUndefined();
    expect(params.params.methods).toEqual(['gradcam', 'xres', 'rise']);
    expect(params.params.threshold).toBe(0.2);
    expect(params.resolved.layer).toEqual({ name: 'bottleneck', shape: [2, 2, 8] });
    expect(params.resolved.class).toEqual({ index: 1, name: 'person' });
    expect(params.resolved.target).toMatchObject({
      regionPixels: 2,
      maskSize: [4, 4],
      mask: 'region_mask.npy',
      ring: null,
    });
    expect(params.resolved.methods.xres.settings).toEqual({ pool: 'max', window: 2, edges: 'valid' });
  });

  it("says when the link cannot hold the view, and writes a brush mask and a border's ring", () => {
    const base = testView();
    const brush = {
      kind: 'brush' as const,
      width: 4,
      height: 4,
      mask: Uint8Array.from({ length: 16 }, (_, i) => (i === 5 ? 1 : 0)),
    };
    const view = testView({
      params: { ...base.params, image: null, region: brush },
      image: { id: 'upload', name: 'My photo.JPG', originalSize: [640, 480] },
      target: { ...base.target!, ring: Uint8Array.from({ length: 16 }, (_, i) => (i === 0 ? 1 : 0)) },
    });
    const files = report(view);
    const params = JSON.parse(strFromU8(files['params.json']!));
    expect(params.shareLink.reproducesView).toBe(false);
    expect(params.shareLink.cannotHold[0]).toMatch(/your own image/);
    expect(params.params.region.mask).toEqual(Array.from(brush.mask));
    expect(decodeNpy(files['region_ring.npy']!).data[0]).toBe(1);
    expect(reportFileName(view, created)).toBe('segexplain-selfie-my-photo-jpg-20250607-080910.zip');
  });
});

describe('metrics', () => {
  it('lists each method on screen with its status and sufficiency, unknown values as null', () => {
    const m = metricsOf(testView(), created);
    expect(Object.keys(m.methods)).toEqual(['gradcam', 'xres', 'rise']);
    expect(m.methods.gradcam).toEqual({
      title: 'Seg-Grad-CAM',
      status: 'done',
      error: null,
      positive: true,
      map: 'maps/gradcam.npy',
      metrics: { sufficiency: { threshold: 0.2, baseline: 'mean', dice: 0.75, retained: 0.5 } },
      curves: {},
    });
    expect(m.methods.xres?.metrics.sufficiency).toEqual({
      threshold: 0.2,
      baseline: 'mean',
      dice: null,
      retained: null,
    });
    expect(m.methods.rise).toMatchObject({
      status: 'error',
      error: 'out of memory, "really"',
      map: null,
      positive: null,
    });
  });

  it('writes a tidy CSV, one row per method and value, quoting what needs it', () => {
    expect(metricsCsv(metricsOf(testView(), created)).split('\r\n')).toEqual([
      'method,title,status,metric,value',
      'gradcam,Seg-Grad-CAM,done,sufficiency.threshold,0.2',
      'gradcam,Seg-Grad-CAM,done,sufficiency.baseline,mean',
      'gradcam,Seg-Grad-CAM,done,sufficiency.dice,0.75',
      'gradcam,Seg-Grad-CAM,done,sufficiency.retained,0.5',
      'xres,Seg-XRes-CAM,done,sufficiency.threshold,0.2',
      'xres,Seg-XRes-CAM,done,sufficiency.baseline,mean',
      'xres,Seg-XRes-CAM,done,sufficiency.dice,',
      'xres,Seg-XRes-CAM,done,sufficiency.retained,',
      'rise,RISE,error,sufficiency.threshold,0.2',
      'rise,RISE,error,sufficiency.baseline,mean',
      'rise,RISE,error,sufficiency.dice,',
      'rise,RISE,error,sufficiency.retained,',
      '',
    ]);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(Number.NaN)).toBe('');
  });

  it("carries every reading the results hold: the sufficiency's further values and the map's own metrics", () => {
    const base = testView();
    const gradcam = {
      ...base.results.gradcam,
      sufficiency: { dice: 0.75, retained: 0.5, confidenceKept: 0.9 },
      metrics: { relevanceMass: 0.8, pointingHit: true, pearson: Number.NaN, spearman: null },
    };
    const m = metricsOf(testView({ results: { ...base.results, gradcam } as typeof base.results }), created);
    expect(m.methods.gradcam?.metrics).toEqual({
      sufficiency: { threshold: 0.2, baseline: 'mean', dice: 0.75, retained: 0.5, confidenceKept: 0.9 },
      relevanceMass: 0.8,
      pointingHit: true,
      pearson: Number.NaN,
      spearman: null,
    });
    const csv = metricsCsv(m);
    expect(csv).toContain('gradcam,Seg-Grad-CAM,done,sufficiency.confidenceKept,0.9\r\n');
    expect(csv).toContain('gradcam,Seg-Grad-CAM,done,pointingHit,true\r\n');
    // NaN (a constant map) is left empty, as in JSON (null)
    expect(csv).toContain('gradcam,Seg-Grad-CAM,done,pearson,\r\n');
  });

  it("writes how many masks RISE used of N and its map's stability", () => {
    const base = testView();
    const rise = { ...base.results.gradcam, extent: { used: 650, total: 2000, stability: 0.93 } };
    const m = metricsOf(testView({ results: { ...base.results, rise } as typeof base.results }), created);
    expect(m.methods.rise?.metrics).toMatchObject({ used: 650, usedOf: 2000, stability: 0.93 });
    expect(m.methods.gradcam?.metrics).not.toHaveProperty('used');
    expect(metricsCsv(m)).toContain('rise,RISE,done,used,650\r\n');
  });

  it('writes a read-out that is n/a as null with the reason, never as a bogus number', () => {
    const base = testView();
    const reading = { dice: 0, retained: 0.4, confidenceKept: 18871.961, originalConfidence: 4e-6, classPixels: 0 };
    const gradcam = { ...base.results.gradcam, sufficiency: reading };
    const m = metricsOf(testView({ results: { ...base.results, gradcam } as typeof base.results }), created);
    expect(m.methods.gradcam?.metrics.sufficiency).toMatchObject({
      dice: null,
      diceNotApplicable: 'the class is not predicted in the region',
      confidenceKept: null,
      confidenceKeptNotApplicable: 'the class is not predicted in the region',
      retained: 0.4,
    });
    const csv = metricsCsv(m);
    expect(csv).not.toContain('18871');
    expect(csv).toContain('gradcam,Seg-Grad-CAM,done,sufficiency.confidenceKept,\r\n');
    expect(csv).toContain(
      'gradcam,Seg-Grad-CAM,done,sufficiency.confidenceKeptNotApplicable,the class is not predicted in the region\r\n',
    );
    // A zero map keeps nothing: its Dice (of the baseline alone) is not the map's.
    const map = base.results.gradcam.map;
    const zeroKept = {
      ...gradcam,
      map: map && { ...map, data: new Float32Array(map.data.length), positive: false },
      sufficiency: { ...reading, classPixels: 3, retained: 0, dice: 1 },
    };
    const k = metricsOf(testView({ results: { ...base.results, gradcam: zeroKept } as typeof base.results }), created);
    expect(k.methods.gradcam?.metrics.sufficiency).toMatchObject({
      dice: null,
      diceNotApplicable: 'the map is zero, nothing is kept',
      retained: 0,
    });
  });

  it('takes later metrics and curves as more keys and rows', () => {
    const m = metricsOf(testView(), created, {
      xres: {
        metrics: { pointing: true, rma: 0.8 },
        curves: {
          deletion: {
            x: 'fraction removed',
            y: 'Dice',
            points: [
              [0, 1],
              [1, 0.1],
            ],
          },
        },
      },
    });
    const csv = metricsCsv(m);
    expect(csv).toContain('xres,Seg-XRes-CAM,done,pointing,true\r\n');
    expect(csv).toContain('xres,Seg-XRes-CAM,done,rma,0.8\r\n');
    expect(curvesCsv(m)).toBe(
      'method,curve,x_name,y_name,x,y\r\n' +
        'xres,deletion,fraction removed,Dice,0,1\r\n' +
        'xres,deletion,fraction removed,Dice,1,0.1\r\n',
    );
    expect(curvesCsv(metricsOf(testView(), created))).toBeNull();
  });
});

it('names the files by model, image and local date', () => {
  expect(reportFileName(testView(), created)).toBe('segexplain-selfie-astronaut-20250607-080910.zip');
  expect(pngFileName(testView(), 'xres', created)).toBe('segexplain-selfie-astronaut-xres-20250607-080910.png');
});
