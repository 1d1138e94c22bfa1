import { border } from './border/kind';
import { box } from './box/kind';
import { brush } from './brush/kind';
import { klass } from './class/kind';
import { component } from './component/kind';
import { contrastive } from './contrastive/kind';
import type { RegionKind, Tagged } from './kind';
import type { ToolDef } from './tool';
import { point } from './point/kind';
import { polygon } from './polygon/kind';

/**
 * Every region kind, one line each: generic code (the target builder, the link codec, the read-out, the report)
 * reads this list and nothing else. A kind is a folder (see regions/kind.ts for what it provides).
 */
export const REGION_KINDS = [
  point, // the clicked pixel (and the point tool)
  component, // the connected blob of the class under a click
  klass, // the whole class, picked by a click
  box, // a drawn box (box tool)
  polygon, // a drawn lasso (lasso tool)
  brush, // painted cells (brush and eraser tools)
  border, // the object border of a blob or class (Xplique)
  contrastive, // a class rather than another over an area
] as const;

type RegionOf<D> = D extends RegionKind<infer R, Tagged> ? R : never;
/** The region M a user asks about (docs/METHOD.md, "Notation" and "target weights"). */
export type Region = RegionOf<(typeof REGION_KINDS)[number]>;
export type RegionKindName = Region['kind'];
/** A region a target kind may wrap. */
export type TargetRegion = Extract<Region, { kind: 'border' | 'contrastive' }>;
export type AreaRegion = Exclude<Region, TargetRegion>;
/** A click: the pixel, the connected blob of its class, or the whole class. */
export type ClickRegion = Extract<Region, { kind: 'point' | 'component' | 'class' }>;
export type ClickMode = ClickRegion['kind'];

/** The kinds a click makes, in registry order, with their entries in the Region menu. */
export const CLICK_KINDS = REGION_KINDS.filter((k) => k.role === 'click').map((k) => ({
  mode: k.kind as ClickMode,
  menu: k.menu ?? k.noun,
}));

/** The plug-in of a kind, by its name; undefined for a name no kind has. */
export function kindOf(name: string): RegionKind<Region, Region> | undefined {
  // Each kind handles its own region type; looked up by name, the pairing holds by construction.
  return REGION_KINDS.find((k) => k.kind === name) as unknown as RegionKind<Region, Region> | undefined;
}

/** The drawing tools, from the kinds that have one, in toolbar order. */
export const TOOLS: readonly ToolDef[] = REGION_KINDS.flatMap((k): readonly ToolDef[] => k.tools ?? []).sort(
  (a, b) => a.order - b.order,
);
export type Tool = string;

/** A tool by its id. */
export function toolOf(id: Tool): ToolDef | undefined {
  return TOOLS.find((t) => t.id === id);
}
