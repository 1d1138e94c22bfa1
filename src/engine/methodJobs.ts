import { METHODS, type MethodId } from '../methods/registry';
import type { MethodJob } from '../methods/types';

// Each job method's job.ts (its tfjs forward passes), found beside its meta.ts by convention: registry.ts stays the
// only list, and the UI thread, which reads the registry, never loads tfjs.
const modules = import.meta.glob<{ job: MethodJob }>('../methods/*/job.ts', { eager: true });

/** The job that runs a method's forward passes (worker side). */
export function jobOf(id: MethodId): MethodJob {
  const found = modules[`../methods/${id}/job.ts`]?.job;
  if (!found) throw new Error(`Method "${id}" has no job.ts: it is not a job.`);
  return found;
}

/** Every job method has a job.ts, and no gradient method has one (a gradient method's combine is in its index.ts). */
export function checkRegistry(): string[] {
  const problems: string[] = [];
  for (const meta of METHODS) {
    const job = modules[`../methods/${meta.id}/job.ts`]?.job;
    if (meta.needs !== 'gradients' && !job) problems.push(`${meta.id}: needs ${meta.needs} but has no job.ts`);
    if (meta.needs === 'gradients' && job) problems.push(`${meta.id}: a gradient method with a job.ts`);
  }
  return problems;
}
