import { clickKind, type ClickRegionOf } from '../click';
import { xy } from '../coordinates';

/** Every pixel predicted as the class; the click only says which class. */
export type ClassRegion = ClickRegionOf<'class'>;

/** {P == c}. */
export function classMask(labels: Uint8Array, cls: number): Uint8Array {
  return Uint8Array.from(labels, (l) => (l === cls ? 1 : 0));
}

export const klass = clickKind<'class'>(
  'class',
  (_r, cls, env) => classMask(env.labels, cls),
  (r) => `whole class, clicked at ${xy(r)}`,
  { noun: 'class', menu: 'whole class' },
);
