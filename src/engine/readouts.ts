import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { SufficiencyReading } from '../core/results';
import { sufficiencyBatch } from '../explain/sufficiency';
import type { ExplainTarget } from '../explain/target';
import type { ImageState } from './imageState';
import { maskedPass, predictLabels, regionConfidence } from './maskedPass';
import type * as P from './protocol';

/** The read-outs that need the network: a map's sufficiency (a masked pass), and the window sweep's as one batch. */
export class Readouts {
  /** mean over M of the class-c probability on the unmasked image, per target */
  private readonly confidences = new WeakMap<ExplainTarget, number>();

  constructor(
    private readonly s: ImageState,
    /** the target of the cached A and G, which the window sweep's maps explain */
    private readonly gradientTarget: () => ExplainTarget | null,
  ) {}

  async sufficiency(req: P.SufficiencyRequest, signal: AbortSignal): Promise<SufficiencyReading> {
    const { s } = this;
    return s.lock.runExclusive(async () => {
      const kept = s.maps.get(req.method);
      if (!kept) throw new Error(`No ${req.method} map yet.`);
      throwIfAborted(signal);
      const r = await maskedPass(s.need(), s.needInput(), kept, {
        threshold: req.threshold,
        baseline: req.baseline,
        signal,
        count: () => s.counters.sufficiency++,
        preview: true,
      });
      const original = await this.originalConfidence(kept.target);
      throwIfAborted(signal);
      return {
        dice: r.dice,
        retained: r.retained,
        confidenceKept: original > 0 ? r.confidence / original : NaN,
        originalConfidence: original,
        classPixels: r.classPixels,
        ...(r.view ? { masked: r.view } : {}),
      };
    });
  }

  /** The window sweep's sufficiency: every map masks the image at one threshold, all in one batch. */
  async sweepSufficiency(
    req: P.SweepSufficiencyRequest,
    signal: AbortSignal,
  ): Promise<Pick<SufficiencyReading, 'dice' | 'retained'>[]> {
    const { s } = this;
    return s.lock.runExclusive(async () => {
      const model = s.need();
      const target = this.gradientTarget();
      if (!target) throw new Error('Nothing to sweep yet: click the image first.');
      throwIfAborted(signal);
      const maps = req.maps.map((m) => tf.tensor2d(m.data, m.size));
      const predict = async (batch: tf.Tensor4D) => {
        throwIfAborted(signal);
        s.counters.sufficiency += batch.shape[0];
        return predictLabels(model, batch);
      };
      try {
        return await sufficiencyBatch(s.needInput(), maps, predict, target, {
          threshold: req.threshold,
          dilation: 0,
          baseline: req.baseline,
        });
      } finally {
        maps.forEach((m) => m.dispose());
      }
    });
  }

  /** Mean over M of the class-c probability on the unmasked image, once per target (a forward pass). */
  private async originalConfidence(target: ExplainTarget): Promise<number> {
    const known = this.confidences.get(target);
    if (known !== undefined) return known;
    this.s.counters.sufficiency++; // a pass for the read-outs, counted with them
    const value = await regionConfidence(this.s.need(), this.s.needInput(), target);
    this.confidences.set(target, value);
    return value;
  }
}
