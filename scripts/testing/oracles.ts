import type { MethodId } from '../../src/methods/registry';
import type { GradientOracle } from '../../src/methods/types';

// Each gradient method's tfjs combine (its folder's oracle.ts), for tests and benchmarks only: the app runs combine.ts.
const modules = import.meta.glob<{ oracle: GradientOracle }>('../../src/methods/*/oracle.ts', { eager: true });

/** The tfjs oracle of a gradient method; throws when its folder has none. */
export function oracleOf(id: MethodId): GradientOracle {
  const found = modules[`../../src/methods/${id}/oracle.ts`]?.oracle;
  if (!found) throw new Error(`Method "${id}" has no oracle.ts.`);
  return found;
}
