import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import { SMOOTHGRAD_SEED, SMOOTHGRAD_SIGMA, smoothCopies } from '../core/smoothGrad';
import { yieldTask } from '../core/yieldTask';
import type { HeatMap } from '../core/results';
import { hostTensor, type HostTensor } from '../explain/host/tensor';
import { weightsTensor } from '../explain/score';
import type { ExplainTarget } from '../explain/target';
import { combineMaps } from '../methods/combine';
import type { MethodId } from '../methods/registry';
import type { ImageState } from './imageState';
import type * as P from './protocol';
import { smoothGradients } from './smoothGrad';

/** A and G at one layer for one target: every gradient method recombines them, settings never re-run the network. */
export interface GradientCache {
  key: string;
  activations: tf.Tensor3D;
  gradients: tf.Tensor3D;
  score: number;
  target: ExplainTarget;
  /** host copies of A and G, downloaded once: maps are combined from them in plain JS */
  host?: { a: HostTensor; g: HostTensor };
}

/** The gradient methods: one forward + backward pass per image, region, class and layer, then recombinations. */
export class Gradients {
  private grads: GradientCache | null = null;

  constructor(private readonly s: ImageState) {}

  /** The target of the cached A and G (null before the first click on this image). */
  get target(): ExplainTarget | null {
    return this.grads?.target ?? null;
  }

  async explainGradients(req: P.GradientRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.s.gate.urgently(() =>
      this.s.lock.runExclusive(async () => {
        throwIfAborted(signal);
        const target = this.s.target(req);
        const cache = await this.gradientsFor(req, target, signal);
        const maps = await this.combine(req.methods, cache);
        const { a, g } = await this.hostCopies(cache);
        throwIfAborted(signal);
        // Copies: the originals stay in the cache, these are transferred to the UI thread.
        const tensors = { shape: a.shape, activations: a.data.slice(), gradients: g.data.slice() };
        return { target: this.describe(cache), maps, tensors };
      }),
    );
  }

  /** A and G for the request: cached per image, layer, region, class and SmoothGrad (copies, σ). */
  private async gradientsFor(req: P.GradientRequest, target: ExplainTarget, signal: AbortSignal) {
    const { layer, region } = req;
    const sigma = req.smoothSigma ?? SMOOTHGRAD_SIGMA;
    // One copy or σ = 0 is the plain pass: it shares the plain pass's key.
    const copies = sigma > 0 ? smoothCopies(req.smoothGrad) : 1;
    const smooth = copies > 1 ? `|sg${copies}:${sigma}` : '';
    const key = `${this.s.version}|${layer}|${JSON.stringify(region, replaceMasks)}|${target.classIndex}${smooth}`;
    if (this.grads?.key === key) return this.grads;
    this.drop();
    const model = this.s.need();
    const [h, w] = model.outputSize;
    const weights = weightsTensor(target, [h, w]);
    try {
      const g = await smoothGradients({
        model,
        input: this.s.needInput(),
        layer,
        weights,
        copies,
        sigma,
        seed: SMOOTHGRAD_SEED,
        // A macrotask between copies lets a cancel (or a newer request's abort) in.
        checkpoint: async () => {
          await yieldTask();
          throwIfAborted(signal);
        },
        counted: () => {
          this.s.counters.activation++;
          this.s.counters.gradient++;
        },
      });
      this.grads = { key, ...g, target };
      return this.grads;
    } finally {
      weights.dispose();
    }
  }

  /** Settings changes of gradient methods: recombine cached A and G, no network run. */
  async recombine(req: P.RecombineRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.s.gate.urgently(() =>
      this.s.lock.runExclusive(async () => {
        throwIfAborted(signal);
        if (!this.grads) throw new Error('Nothing to recombine yet: click the image first.');
        this.s.counters.recombine = (this.s.counters.recombine ?? 0) + 1;
        const maps = await this.combine(req.methods, this.grads);
        throwIfAborted(signal);
        return { target: this.describe(this.grads), maps };
      }),
    );
  }

  /** Maps recombined off this worker from host copies of A and G: kept as if recombined here. */
  async adoptMaps(maps: Partial<Record<MethodId, HeatMap>>): Promise<void> {
    return this.s.lock.runExclusive(async () => {
      const grads = this.grads;
      if (!grads) return;
      for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
        this.s.maps.set(id, { map, target: grads.target });
      }
    });
  }

  /** A and G downloaded once per cache; every gradient map is then combined from them in plain JS. */
  private async hostCopies(cache: GradientCache): Promise<{ a: HostTensor; g: HostTensor }> {
    if (!cache.host) {
      const [a, g] = await Promise.all([cache.activations.data(), cache.gradients.data()]);
      cache.host = {
        a: hostTensor(a as Float32Array, cache.activations.shape),
        g: hostTensor(g as Float32Array, cache.gradients.shape),
      };
    }
    return cache.host;
  }

  // Every gradient method in plain JS (bit-identical to tfjs on cpu, ≤ 1e-5 elsewhere): one read-back of A and G
  // instead of a few small ops, a resize and two read-backs per method (and no shader compiles on WebGL).
  private async combine(methods: P.MethodCall[], cache: GradientCache): Promise<P.MapsResult['maps']> {
    if (methods.length === 0) return {};
    const { a, g } = await this.hostCopies(cache);
    const maps = combineMaps(methods, a, g, this.s.need().inputSize);
    for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) this.s.keep(id, map, cache.target);
    return maps;
  }

  private describe(cache: GradientCache) {
    return this.s.describe(cache.target, cache.activations.shape, cache.score);
  }

  /** Frees A and G (a new image, model or target). */
  drop(): void {
    this.grads?.activations.dispose();
    this.grads?.gradients.dispose();
    this.grads = null;
  }
}

/** Brush masks go into the cache key as their sum and length, not cell by cell. */
function replaceMasks(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let h = 0;
    for (let i = 0; i < value.length; i++) h = (Math.imul(h, 31) + value[i]!) | 0;
    return `mask:${value.length}:${h}`;
  }
  return value;
}
