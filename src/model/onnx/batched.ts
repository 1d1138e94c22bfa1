import * as tf from '@tensorflow/tfjs-core';
import type { OnnxGraph } from './graph';
import { OnnxProgram } from './program';

/**
 * Forward passes of B images at once. The file was exported for batch 1, and its folded shape constants say so, so each
 * batch size gets its own program, prepared for that batch and sharing the weights. Exporters sometimes write batch 1
 * into the graph as a literal (a Reshape to [1, T, D]): such a program fails or mixes images, so the first run of each
 * batch size is checked against single-image runs of its first and last image; when that fails, batches run one image
 * at a time from then on.
 */
export class BatchedPrograms {
  private readonly programs = new Map<number, OnnxProgram | null>();
  private works = true;

  constructor(
    private readonly graph: OnnxGraph,
    private readonly single: OnnxProgram,
    private readonly chw: [number, number, number],
  ) {}

  /** The output for a batch of NCHW images. */
  run(x: tf.Tensor): tf.Tensor {
    const b = x.shape[0] as number;
    const known = this.programs.get(b);
    if (known) return known.run(x);
    if (known === undefined && this.works) {
      const checked = this.prepareChecked(x);
      if (checked) return checked;
    }
    const one = (i: number) => this.single.run(tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]));
    return tf.concat(
      Array.from({ length: b }, (_, i) => one(i)),
      0,
    );
  }

  private prepareChecked(x: tf.Tensor): tf.Tensor | null {
    const b = x.shape[0] as number;
    let program: OnnxProgram | null = null;
    try {
      const probe = tf.zeros([b, ...this.chw]);
      try {
        program = OnnxProgram.prepare(this.graph, probe, this.single.weights());
      } finally {
        probe.dispose();
      }
      const y = program.run(x);
      const ok = [0, b - 1].every((i) => {
        const want = this.single.run(tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]));
        const got = tf.slice(y, [i, ...want.shape.slice(1).map(() => 0)], [1, ...want.shape.slice(1)]);
        const scale = Math.max(1, tf.max(tf.abs(want)).dataSync()[0] as number);
        return (
          got.shape.join() === want.shape.join() &&
          (tf.max(tf.abs(tf.sub(got, want))).dataSync()[0] as number) <= 1e-4 * scale
        );
      });
      if (ok) {
        this.programs.set(b, program);
        return y;
      }
    } catch {
      // a literal batch of 1 in the graph: the batch program cannot even run
    }
    program?.dispose();
    this.programs.set(b, null);
    this.works = false;
    return null;
  }

  /** The batch sizes that run as one batch (checked), for tests and the bench. */
  working(): number[] {
    return [...this.programs].flatMap(([b, p]) => (p ? [b] : []));
  }

  dispose(): void {
    for (const p of this.programs.values()) p?.dispose();
    this.programs.clear();
  }
}
