/**
 * The region M a user asks about (docs/METHOD.md, "Notation" and "target weights"). Coordinates are normalised to the
 * image, [0, 1]; masks live on the model's output grid.
 */
export interface Point {
  x: number;
  y: number;
}

/** A click: the pixel, the connected blob of its class, or the whole class. */
export type ClickRegion = ({ kind: 'point' } & Point) | ({ kind: 'component' } & Point) | ({ kind: 'class' } & Point);

/** A drawn area; by default intersected with the class's prediction, `exact` keeps the drawn pixels as they are. */
export type DrawnRegion =
  | { kind: 'box'; x0: number; y0: number; x1: number; y1: number; exact?: boolean }
  | { kind: 'polygon'; points: Point[]; exact?: boolean }
  | {
      kind: 'brush';
      width: number;
      height: number;
      /** 0/1 per output-grid cell, row-major */ mask: Uint8Array;
      exact?: boolean;
    };

/** Xplique's object-border target: why the boundary of this zone (a blob or the whole class) runs here. */
export interface BorderRegion {
  kind: 'border';
  zone: Extract<ClickRegion, { kind: 'component' | 'class' }>;
}

/** Why class c rather than c′ on this area: S = Σ_M (Y^c − Y^c′). */
export interface ContrastiveRegion {
  kind: 'contrastive';
  area: ClickRegion | DrawnRegion;
  versus: number;
}

export type Region = ClickRegion | DrawnRegion | BorderRegion | ContrastiveRegion;
export type RegionKind = Region['kind'];
export type ClickMode = ClickRegion['kind'];

export const CLICK_MODES: readonly ClickMode[] = ['point', 'component', 'class'];
export const REGION_KINDS: readonly RegionKind[] = [...CLICK_MODES, 'box', 'polygon', 'brush', 'border', 'contrastive'];

export function isClickRegion(r: Region): r is ClickRegion {
  return r.kind === 'point' || r.kind === 'component' || r.kind === 'class';
}

/** The point a region is anchored at: where its class is read when none is chosen. */
export function anchorOf(r: Region): Point | null {
  switch (r.kind) {
    case 'point':
    case 'component':
    case 'class':
      return { x: r.x, y: r.y };
    case 'box':
      return { x: (r.x0 + r.x1) / 2, y: (r.y0 + r.y1) / 2 };
    case 'polygon':
      return r.points[0] ?? null;
    case 'brush':
      return null;
    case 'border':
      return anchorOf(r.zone);
    case 'contrastive':
      return anchorOf(r.area);
  }
}
