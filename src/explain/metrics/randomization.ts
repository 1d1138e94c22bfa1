import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

/**
 * Cascading model-parameter randomisation (Adebayo et al. 2018; docs/METHOD.md, "Sanity check"), independent of any
 * model class: given the weights from the output towards the input, step s yields the replacement of entry s, drawn
 * from a normal with the entry's own std, seeded. Cascading is the caller's part: it swaps in step 0's tensors, then
 * step 1's on top, and so on, recomputing the map after each.
 */

/** Where the replacement is centred. docs/METHOD.md names only the std; 'zero' (the default) reads it as N(0, σ²). */
export type RandomCenter = 'zero' | 'own';

export interface RandomizationOptions {
  /**
   * 'zero': N(0, σ²), our reading of docs/METHOD.md; 'own': N(μ, σ²) with the tensor's own mean (e.g. batch-norm
   * scales)
   */
  center?: RandomCenter;
}

/** Population mean and std (divide by n) in double precision. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(ss / n) };
}

/**
 * n draws of N(mean, std²) by Box–Muller from a seeded alea stream (the PRNG of methods/rise/riseMasks.ts): the same
 * key gives the same numbers on every backend and machine, since no tfjs op is involved.
 */
export function seededNormal(n: number, key: string, mean = 0, std = 1): Float32Array {
  const rng = seedrandom.alea(key);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - rng(); // (0, 1]: log never sees 0
    const u2 = rng();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = mean + std * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/**
 * The random replacement of one weight tensor: same shape, float32, N(0, σ²) with σ its own population std (or N(μ, σ²)
 * with center 'own'). Seeded by (seed, step, index within the step), so one tensor's draw depends on nothing else.
 * The tensor is read, never changed or disposed. A constant tensor (σ = 0) becomes constant: 0, or μ with 'own'.
 */
export function randomizedLike(
  tensor: tf.Tensor,
  seed: number | string,
  step: number,
  index = 0,
  options: RandomizationOptions = {},
): tf.Tensor {
  if (tensor.dtype !== 'float32')
    throw new Error(`randomisation: only float32 weights are re-drawn, not ${tensor.dtype}.`);
  const { mean, std } = meanAndStd(tensor.dataSync());
  const data = seededNormal(tensor.size, `${seed}/${step}/${index}`, options.center === 'own' ? mean : 0, std);
  return tf.tensor(data, tensor.shape, 'float32');
}

export interface RandomDraws {
  /** 0 = the entry nearest the output */
  step: number;
  /** the replacements of entry `step`, in its order; the caller owns (and disposes) them */
  tensors: tf.Tensor[];
}

/**
 * Yields, for s = 0, 1, …, the random replacements of weights[s] (a tensor, or a layer's tensors such as kernel and
 * bias). weights must be ordered from the output downward. Lazy: a step's tensors are made when it is reached, so a
 * caller can stop (or dispose) between steps. Same seed → bit-identical tensors; nothing passed in is changed.
 */
export function* cascadingRandomization(
  weights: readonly (tf.Tensor | readonly tf.Tensor[])[],
  seed: number | string,
  options: RandomizationOptions = {},
): Generator<RandomDraws, void, undefined> {
  for (let step = 0; step < weights.length; step++) {
    const entry = weights[step] as tf.Tensor | readonly tf.Tensor[];
    // Array.isArray rather than instanceof: a model's tensors may come from another copy of tfjs-core.
    const group: readonly tf.Tensor[] = Array.isArray(entry) ? entry : [entry as tf.Tensor];
    const tensors: tf.Tensor[] = [];
    try {
      group.forEach((t, i) => tensors.push(randomizedLike(t, seed, step, i, options)));
    } catch (e) {
      tensors.forEach((t) => t.dispose());
      throw e;
    }
    yield { step, tensors };
  }
}
