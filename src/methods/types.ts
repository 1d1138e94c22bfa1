import type * as tf from '@tensorflow/tfjs-core';
import type { BaselineKind } from '../core/kinds';
import type { JobExtent, MethodMeta, SufficientRegions } from '../core/method';
import type { SettingRecord, SettingSpecs, SettingValues } from '../core/settings';
import type { HostTensor } from '../explain/host/tensor';
import type { HostImages } from '../explain/predictLabels';
import type { ExplainTarget } from '../explain/target';

// Shared by the method folders and the generic code that runs them; below registry.ts (imports none of it).

/** Any method's settings, as generic code hands them on: each method reads its own (typed by its meta). */
export type AnySettings = SettingRecord;

/** A gradient method's combine on host copies of A and G ([h, w, K], HWC): the raw map [h·w], not post-processed. */
export type Combine<S> = (a: HostTensor, g: HostTensor, settings: S) => Float32Array;

/** A gradient method's combine seen by generic code (a method signature, so each method's own settings type fits). */
export interface Combiner {
  combine(a: HostTensor, g: HostTensor, settings: AnySettings): Float32Array;
}

/** What the engine lends a method that runs its own forward passes. Tensors it hands out stay the engine's. */
export interface ForwardContext {
  /** the preprocessed image, [1, H, W, C] */
  input: tf.Tensor4D;
  target: ExplainTarget;
  baseline: BaselineKind;
  /** the layer's activations [h, w, K] ('activations' methods only) */
  activations: tf.Tensor3D | null;
  /** images per forward pass */
  batchSize: number;
  /** images per labels() call: batchSize, or twice it while a helper worker runs half of each (engine/passSharing) */
  labelsBatchSize: number;
  /**
   * labels() batches worth having out at once (awaiting none before making the next): 1 alone; more with a helper
   * worker, which runs a batch of batchSize whole while the next runs here
   */
  labelsInFlight: number;
  /** class scores [B, Ho, Wo, C] of a batch; counts the passes */
  scores(batch: tf.Tensor4D): tf.Tensor4D;
  /** class-c probability [B, Ho, Wo] from scores: softmax over channels, or the sigmoid of a one-channel model */
  probability(scores: tf.Tensor4D, classIndex: number): tf.Tensor3D;
  /**
   * argmax labels of a batch on the output grid; counts the passes. Host values (RISE's plain-JS batches) are sent to
   * a helper worker as they are; a tensor is read back once first
   */
  labels(batch: tf.Tensor4D | HostImages): Promise<Uint8Array[]>;
  /** fires when the job is superseded, cancelled or its image replaced */
  signal: AbortSignal;
  /**
   * lets cancel messages in between batches; throws AbortError once the job is aborted. `longer`: the next batch may
   * take far longer than the ones before (MiSuRe's first backward pass after forward-only batches), so the watchdog
   * gives it a long op's time instead of judging it by them
   */
  checkpoint(next?: { longer?: boolean }): Promise<void>;
  /**
   * reports progress; partial() makes the running estimate [h, w] (not normalised) only if a paint is due, and the
   * engine disposes it
   */
  progress(done: number, total: number, partial: () => tf.Tensor2D, extra?: JobProgressExtra): void;
  /** storage that lives as long as the image (e.g. RISE's per-mask predictions) */
  cache: Map<string, unknown>;
}

/**
 * A method that runs batched forward passes (its folder's job.ts, found by the engine): a cancellable job with
 * progress. Returns a raw map. `run` is a method signature, so each job's own settings type fits.
 */
export interface MethodJob<S = AnySettings> {
  run(ctx: ForwardContext, settings: S): Promise<JobOutput>;
}

/** What a job that may stop early adds to its progress: its stability now, and where it expects to stop. */
export interface JobProgressExtra {
  stability?: number;
  expected?: number;
}

/**
 * What a job returns: its raw map, whether it ran no network (all re-used), how far it went if it may stop, and the
 * regions it found if it looks for them (MiSuRe).
 */
export interface JobOutput {
  map: tf.Tensor2D;
  reused: boolean;
  extent?: JobExtent;
  regions?: SufficientRegions;
}

/** A gradient method as registry.ts lists it: its metadata and the plain-JS combine the app runs. */
export function gradientMethod<const Id extends string, const S extends SettingSpecs>(
  meta: MethodMeta<Id, S>,
  combine: Combine<SettingValues<S>>,
): { meta: MethodMeta<Id, S>; combine: Combine<SettingValues<S>> } {
  if (meta.needs !== 'gradients') throw new Error(`${meta.id} needs ${meta.needs}: it is a job, not a combine.`);
  return { meta, combine };
}

/** A job method as registry.ts lists it: its metadata (its job.ts runs in the engine, on tfjs). */
export function jobMethod<const Id extends string, const S extends SettingSpecs>(
  meta: MethodMeta<Id, S>,
): { meta: MethodMeta<Id, S>; combine?: undefined } {
  if (meta.needs === 'gradients') throw new Error(`${meta.id} needs gradients: give it a combine.`);
  return { meta };
}

/** A gradient method's tfjs combine (its oracle.ts): tests check combine.ts against it; the app never runs it. */
export interface GradientOracle<S = AnySettings> {
  combine(activations: tf.Tensor3D, gradients: tf.Tensor3D, settings: S): tf.Tensor2D;
}
