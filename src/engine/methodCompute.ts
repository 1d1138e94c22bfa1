import { METHODS, type MethodId } from '../methods/registry';
import type { MethodCompute } from '../methods/types';

// Each method folder's compute.ts, found by convention: adding a method needs no line here.
const modules = import.meta.glob<{ compute: MethodCompute<MethodId> }>('../methods/*/compute.ts', { eager: true });

/** The compute half of a method (worker side; the UI reads only the metadata). */
export function computeOf<Id extends MethodId>(id: Id): MethodCompute<Id> {
  const found = modules[`../methods/${id}/compute.ts`]?.compute;
  if (!found) throw new Error(`Method "${id}" has no compute.ts.`);
  return found as unknown as MethodCompute<Id>;
}

/** Every registered method has a compute whose kind matches what its metadata says it needs. */
export function checkRegistry(): string[] {
  const problems: string[] = [];
  for (const meta of METHODS) {
    const c = modules[`../methods/${meta.id}/compute.ts`]?.compute;
    if (!c) problems.push(`${meta.id}: no compute.ts`);
    else if ((c.needs === 'gradients') !== (meta.needs === 'gradients'))
      problems.push(`${meta.id}: meta needs ${meta.needs}, compute ${c.needs}`);
  }
  return problems;
}
