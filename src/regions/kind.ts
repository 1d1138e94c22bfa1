import type { Grid } from '../core/grid';
import type { ToolDef } from './tool';

/** A region as every kind writes it: a plain object tagged by its kind. */
export interface Tagged {
  kind: string;
}

/**
 * What a kind is for: a click (the region grows from a clicked pixel), a drawn area (pixels the user drew, which may
 * be used as drawn, `exact`), or a target wrapped around another region (an object border, a contrast of classes).
 */
export type KindRole = 'click' | 'drawn' | 'target';

/** What the target builder knows of the prediction. */
export interface TargetEnv {
  labels: Uint8Array;
  grid: Grid;
  numClasses: number;
  classNames: readonly string[];
}

/** A region resolved on the output grid for one class: M, and the weights it puts on each class channel. */
export interface KindTarget {
  /** M: the pixels the explanation is about (0/1, row-major) */
  mask: Uint8Array;
  /** weights per class channel, S = Σ W ⊙ Y; channels not listed weigh 0 */
  channels: { cls: number; weights: ArrayLike<number> }[];
  /** drawn pixels the intersection with the class removed */
  removed: number;
}

/** How a kind decodes its part of a share link (the text after "kind:"). */
export interface Decoding<R extends Tagged = Tagged> {
  /** the whole region text, for messages */
  raw: string;
  warn(message: string): void;
  /** refuses the region with "Region (region) <raw> <why>: ignored." */
  fail(why: string): null;
  /** decodes a nested region (the zone of a border, the area of a contrast), without its own warnings */
  nested(raw: string): R | null;
  /** the role of a region's kind */
  role(region: R): KindRole;
  /** the nouns of the kinds a target may wrap, in registry order ("point", "blob", …) */
  areaNouns: readonly string[];
}

/** The generic operations on any region, handed to kinds that wrap another region (border, contrastive). */
export interface RegionOps<R extends Tagged = Tagged> {
  marked(region: R, grid: Grid): Uint8Array;
  target(region: R, cls: number, env: TargetEnv): KindTarget;
  encode(region: R): string;
  quantize(region: R): R;
  describe(region: R, classes: readonly { name: string }[]): string;
}

/** The read-out's words for a target kind: "Explaining {lead}class X{versus} over N output pixels{note}". */
export interface ReadoutWords {
  lead: string;
  /** the other class of a contrast */
  versus: number | null;
  note: string;
}

/**
 * One region kind, as a plug-in: its tag, its role, its rasterisation, the pixels that choose its class, its share-link
 * codec and its description in words. Everything here is pure (no DOM, no React). `R` is the kind's region type, `A`
 * the union of every region (for kinds that wrap another).
 */
export interface RegionKind<R extends Tagged, A extends Tagged = Tagged> {
  kind: R['kind'];
  role: KindRole;
  /** one word for it in messages ("blob", "lasso") */
  noun: string;
  /** its entry in the Region menu (click kinds: what a click makes) */
  menu?: string;
  /**
   * The pixels the user marked, before any intersection with a class: the clicked pixel for a click, the drawn
   * pixels for a drawing. The region's class, when none is chosen, is the class most of them predict.
   */
  marked(region: R, grid: Grid, ops: RegionOps<A>): Uint8Array;
  /** M and the weights for class `cls`; throws a TargetError with the user's words when it cannot be asked */
  target(region: R, cls: number, env: TargetEnv, ops: RegionOps<A>): KindTarget;
  /** the link text after "kind:" (a drawn region's trailing "!" is added by the generic codec) */
  encode(region: R, ops: RegionOps<A>): string;
  /** the region from the link text after "kind:", or null after d.fail() */
  decode(body: string, d: Decoding<A>): R | null;
  /** the region at link precision, so that a link reproduces it exactly */
  quantize(region: R, ops: RegionOps<A>): R;
  /** in words, for the report and the pictures ("lasso of 12 vertices") */
  describe(region: R, classes: readonly { name: string }[], ops: RegionOps<A>): string;
  /** where its class comes from when none is chosen, in the read-out's words (a target kind: its inner region's) */
  classFrom?: string;
  /** the region a target kind wraps (a border's zone, a contrast's area) */
  inner?(region: R): A;
  /** the read-out's words when this kind wraps another (border, contrastive) */
  readout?(region: R): ReadoutWords;
  /** how a target kind wraps an area, and its label under "Explain"; `anchor` is where a click would be */
  /** the drawing tools that make this kind (the point tool makes clicks; brush and eraser edit a brush) */
  tools?: readonly ToolDef[];
  wrap?: { label: string; of(area: A, versus: number, anchor: () => { x: number; y: number }): R };
}

/** An explanation that cannot be asked: the message says why, in the user's terms. */
export class TargetError extends Error {
  override name = 'TargetError';
}
