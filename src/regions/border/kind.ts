import type { ClassRegion } from '../class/kind';
import type { ComponentRegion } from '../component/kind';
import { TargetError, type RegionKind, type Tagged } from '../kind';
import { borderWeights } from './weights';

/** Xplique's object-border target: why the boundary of this zone (a blob or the whole class) runs here. */
export interface BorderRegion {
  kind: 'border';
  zone: ComponentRegion | ClassRegion;
}

const isZone = (r: Tagged | null): r is BorderRegion['zone'] => r?.kind === 'component' || r?.kind === 'class';

/** In links: "border:component:x,y" or "border:class:x,y". */
export const border: RegionKind<BorderRegion, Tagged> = {
  kind: 'border',
  role: 'target',
  noun: 'border',
  marked: (r, grid, ops) => ops.marked(r.zone, grid),
  target: (r, cls, env, ops) => {
    const zone = ops.target(r.zone, cls, env).mask;
    if (zone.indexOf(1) < 0) throw new TargetError(`The border is empty: no "${env.classNames[cls]}" pixel there.`);
    const ring = borderWeights(zone, env.grid);
    return { mask: Uint8Array.from(ring, (v) => (v > 0 ? 1 : 0)), channels: [{ cls, weights: ring }], removed: 0 };
  },
  encode: (r, ops) => ops.encode(r.zone),
  decode: (body, d) => {
    const zone = d.nested(body);
    return isZone(zone) ? { kind: 'border', zone } : d.fail('needs border:component:x,y or border:class:x,y');
  },
  quantize: (r, ops) => ({ ...r, zone: ops.quantize(r.zone) as BorderRegion['zone'] }),
  describe: (r, classes, ops) => `border of the ${ops.describe(r.zone, classes)}`,
  inner: (r) => r.zone,
  readout: () => ({
    lead: 'the border of ',
    versus: null,
    note: ' (inner ring, white; the outer ring, red, counts against)',
  }),
  wrap: {
    label: 'its object border (inner ring vs outer ring)',
    // A border needs a zone (a blob or a whole class): any other area becomes the blob under its anchor.
    of: (area, _versus, anchor) => {
      if (isZone(area)) return { kind: 'border', zone: area };
      const p = anchor();
      return { kind: 'border', zone: { kind: 'component', x: p.x, y: p.y } };
    },
  },
};
