// tfjs in Node: the wasm backend (SIMD; tfjs-backend-wasm has no threads in Node) and the pure-JS cpu backend.
// With --backend auto, a short probe times the same convolution on each and keeps the faster.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { registerGradientFixes } from '../explain/gradientFixes';
import { UsageError } from './usageError';

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** CPU time (ms) fn takes in this process: not wall time, so that other load on a shared machine does not decide. */
async function cpuMs(fn: () => Promise<void>): Promise<number> {
  const t0 = process.cpuUsage();
  await fn();
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / 1000;
}

/** What the probe runs on a backend: the run's own model, loaded there, a few forward passes (see evalCommand). */
export type Probe = () => Promise<{ pass: () => Promise<void>; dispose: () => void }>;

/** Median CPU time of 3 runs of the probe's pass after a warm-up one (both backends run on 1 thread in Node). */
async function probeMs(probe: Probe): Promise<number> {
  const { pass, dispose } = await probe();
  const times: number[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const ms = await cpuMs(pass);
      if (i > 0) times.push(ms);
    }
  } finally {
    dispose();
  }
  return times.sort((a, b) => a - b)[1] as number;
}

async function start(name: NodeBackend): Promise<boolean> {
  if (name === 'wasm') wasm.setThreadsCount(1);
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok;
}

/** Sets the backend (or probes both) and says which, with the probe's timings. */
export async function chooseBackend(asked: string, probe: Probe): Promise<{ backend: NodeBackend; note: string }> {
  registerGradientFixes();
  // no banner asking for tfjs-node (which cannot be installed here) on every run
  tf.enableProdMode();
  if (asked !== 'auto' && !(NODE_BACKENDS as readonly string[]).includes(asked))
    throw new UsageError(`--backend ${asked}: one of auto, ${NODE_BACKENDS.join(', ')}.`);
  if (asked !== 'auto') {
    if (!(await start(asked as NodeBackend))) throw new UsageError(`The ${asked} backend could not start here.`);
    return { backend: asked as NodeBackend, note: `${asked} (asked for)` };
  }
  const ms: Partial<Record<NodeBackend, number>> = {};
  for (const b of NODE_BACKENDS) if (await start(b)) ms[b] = await probeMs(probe);
  const best = NODE_BACKENDS.filter((b) => ms[b] !== undefined).sort(
    (a, b) => (ms[a] as number) - (ms[b] as number),
  )[0];
  if (!best) throw new Error('Neither the wasm nor the cpu backend could start.');
  await start(best);
  const timings = NODE_BACKENDS.map((b) => `${b} ${ms[b]?.toFixed(1) ?? 'failed'} ms of CPU per pass`).join(', ');
  return { backend: best, note: `${best} (probe: ${timings}; wasm runs on 1 thread in Node)` };
}
