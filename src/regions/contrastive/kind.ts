import { TargetError, type RegionKind, type Tagged } from '../kind';
import type { AreaRegion } from '../registry';

/** Why class c rather than c′ on this area: S = Σ_M (Y^c − Y^c′). */
export interface ContrastiveRegion {
  kind: 'contrastive';
  area: AreaRegion;
  versus: number;
}

/** In links: "contrastive:<class c′>:<any area region>". */
export const contrastive: RegionKind<ContrastiveRegion, Tagged> = {
  kind: 'contrastive',
  role: 'target',
  noun: 'contrast',
  marked: (r, grid, ops) => ops.marked(r.area, grid),
  target: (r, cls, env, ops) => {
    const { mask, removed } = ops.target(r.area, cls, env);
    if (r.versus === cls || r.versus < 0 || r.versus >= env.numClasses)
      throw new TargetError('Contrastive: pick a second class different from the explained one.');
    const against = Int8Array.from(mask, (v) => -v);
    return {
      mask,
      channels: [
        { cls, weights: mask },
        { cls: r.versus, weights: against },
      ],
      removed,
    };
  },
  encode: (r, ops) => `${r.versus}:${ops.encode(r.area)}`,
  decode: (body, d) => {
    const colon = body.indexOf(':');
    const head = body.slice(0, colon);
    if (colon < 1 || !/^\d{1,3}$/.test(head) || Number(head) > 255) return d.fail('needs contrastive:<class>:<region>');
    const area = d.nested(body.slice(colon + 1));
    if (!area || d.role(area) === 'target') {
      const nouns = d.areaNouns;
      return d.fail(`needs a ${nouns.slice(0, -1).join(', ')} or ${nouns.at(-1)} region after the class`);
    }
    return { kind: 'contrastive', versus: Number(head), area: area as AreaRegion };
  },
  quantize: (r, ops) => ({ ...r, area: ops.quantize(r.area) as AreaRegion }),
  describe: (r, classes, ops) =>
    `${ops.describe(r.area, classes)}, rather than ${classes[r.versus]?.name ?? `class ${r.versus}`}`,
  inner: (r) => r.area,
  readout: (r) => ({ lead: '', versus: r.versus, note: '' }),
  wrap: {
    label: 'its class rather than another',
    of: (area, versus) => ({ kind: 'contrastive', area: area as AreaRegion, versus }),
  },
};
