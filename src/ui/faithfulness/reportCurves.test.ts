import { describe, expect, it } from 'vitest';
import { EMPTY_FAITHFULNESS } from '../../state/faithfulnessSlice';
import { curvesCsv, metricsCsv, metricsOf } from '../export/report';
import { testView } from '../../../scripts/testing/testView';
import { faithfulnessExtra } from './reportCurves';

const pts = (f: number[]) =>
  f.map((score, i) => ({ fraction: i / (f.length - 1), perturbed: i / (f.length - 1), score }));

describe('faithfulnessExtra', () => {
  it('puts the AUCs in metrics and the deletion, insertion and sufficiency curves in curves.csv', () => {
    const extra = faithfulnessExtra({
      ...EMPTY_FAITHFULNESS,
      status: 'done',
      curves: {
        gradcam: {
          deletion: { points: pts([1, 0.5, 0]), auc: 0.5 },
          insertion: { points: pts([0, 1, 1]), auc: 0.75 },
          sufficiency: [{ threshold: 0.2, dice: 0.9, retained: 0.3, current: true }],
        },
      },
    });
    const report = metricsOf(testView(), new Date(0), extra);
    expect(report.methods.gradcam?.metrics.faithfulness).toEqual({ deletionAuc: 0.5, insertionAuc: 0.75, steps: 2 });
    expect(metricsCsv(report)).toContain('gradcam,Seg-Grad-CAM,done,faithfulness.deletionAuc,0.5\r\n');
    const csv = curvesCsv(report) ?? '';
    expect(csv).toContain('gradcam,deletion,fraction of pixels removed,mean class probability in region,0.5,0.5\r\n');
    expect(csv).toContain('gradcam,sufficiency,share of the image kept,Dice in region,0.3,0.9\r\n');
    expect(faithfulnessExtra(EMPTY_FAITHFULNESS)).toEqual({});
    expect(report.methods.gradcam?.metrics.controls).toBeUndefined();
  });

  it('puts the controls beside each method: their AUCs, whether it beats the random map, and their curves', () => {
    const curves = (del: number[], ins: number[], dAuc: number, iAuc: number) => ({
      deletion: { points: pts(del), auc: dAuc },
      insertion: { points: pts(ins), auc: iAuc },
      sufficiency: [],
    });
    const extra = faithfulnessExtra({
      ...EMPTY_FAITHFULNESS,
      status: 'done',
      curves: { gradcam: curves([1, 0.5, 0], [0, 1, 1], 0.5, 0.75) },
      controls: {
        random: curves([1, 0.25, 0], [0, 0.5, 1], 0.375, 0.5),
        edge: curves([1, 1, 0], [0, 0, 1], 0.75, 0.25),
        blurred: { gradcam: curves([1, 0.5, 0], [0, 0.75, 1], 0.5, 0.625) },
      },
    });
    const report = metricsOf(testView(), new Date(0), extra);
    // deletion: 0.5 is not below the random map's 0.375; insertion: 0.75 is above its 0.5
    expect(report.methods.gradcam?.metrics.controls).toEqual({
      randomDeletionAuc: 0.375,
      randomInsertionAuc: 0.5,
      edgeDeletionAuc: 0.75,
      edgeInsertionAuc: 0.25,
      blurredDeletionAuc: 0.5,
      blurredInsertionAuc: 0.625,
      deletionBeatsRandom: false,
      insertionBeatsRandom: true,
    });
    expect(metricsCsv(report)).toContain('gradcam,Seg-Grad-CAM,done,controls.deletionBeatsRandom,false\r\n');
    const csv = curvesCsv(report) ?? '';
    expect(csv).toContain(
      'gradcam,deletion (random control),fraction of pixels removed,mean class probability in region,0.5,0.25\r\n',
    );
    expect(csv).toContain(
      'gradcam,insertion (blurred control),fraction of pixels inserted,mean class probability in region,0.5,0.75\r\n',
    );
    expect(csv).toContain('gradcam,deletion (edge control),');
  });
});
