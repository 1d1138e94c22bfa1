// Test-only helpers: seeded normal values for host tensors (no tfjs, so the pure tests and the bench share them).
import seedrandom from 'seedrandom';
import { hostTensor, type HostTensor } from '../../src/explain/host/tensor';

/** Seeded N(0, 1) values, float32 (Box–Muller on seedrandom's alea). */
export function normals(n: number, seed: number): Float32Array {
  const rng = seedrandom.alea(String(seed));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return out;
}

/** A seeded [h, w, K] tensor, each value passed through `f` (e.g. Math.abs, a ReLU, rounding to make exact zeros). */
export function randomHost(
  shape: readonly [number, number, number],
  seed: number,
  f: (v: number) => number = (v) => v,
): HostTensor {
  return hostTensor(normals(shape[0] * shape[1] * shape[2], seed).map(f), shape);
}
