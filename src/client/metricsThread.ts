import * as Comlink from 'comlink';
import type { ExplainedTarget, HeatMap, MapMetrics } from '../core/results';
import type { MethodId } from '../methods/registry';
import { metricsOf } from './readMetrics';

type Metrics = Partial<Record<MethodId, MapMetrics>>;
interface MetricsApi {
  metricsOf: typeof metricsOf;
}

/** The metrics worker, started on first use; null where there is no Worker (Node, tests) or it failed to start. */
let remote: Comlink.Remote<MetricsApi> | null | undefined;

function metricsWorker(): Comlink.Remote<MetricsApi> | null {
  if (remote !== undefined) return remote;
  try {
    remote =
      typeof Worker === 'undefined'
        ? null
        : Comlink.wrap<MetricsApi>(
            new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' }),
          );
  } catch {
    remote = null;
  }
  return remote;
}

/**
 * metricsOf (readMetrics.ts) on the metrics worker, so that sorting pixels never holds up a paint; on this thread
 * where no worker can run, or when the worker fails. Only what the metrics read crosses: maps, mask and class.
 */
export async function metricsOffThread(
  maps: Partial<Record<MethodId, HeatMap>>,
  target: ExplainedTarget,
  labels: Uint8Array | null,
  reference: Float32Array | null,
): Promise<Metrics> {
  const worker = metricsWorker();
  if (!worker) return metricsOf(maps, target, labels, reference);
  const plain = Object.fromEntries(
    Object.entries(maps).map(([id, m]) => [id, { data: m.data, size: m.size, positive: m.positive }]),
  );
  const { classIndex, mask, maskSize } = target;
  try {
    return await worker.metricsOf(plain, { classIndex, mask, maskSize } as ExplainedTarget, labels, reference);
  } catch {
    remote = null;
    return metricsOf(maps, target, labels, reference);
  }
}
