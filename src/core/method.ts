import type { SettingSpecs, SettingValues } from './settings';

/**
 * What a method needs from the network, which decides what re-runs when something changes:
 * - gradients: A and ∂S/∂A at the layer; settings recombine the cached tensors, no network run;
 * - activations: A at the layer plus batched forward passes (a job with progress and cancel);
 * - predictions: batched forward passes on the input only (no layer; a job with progress and cancel).
 */
export type MethodNeeds = 'gradients' | 'activations' | 'predictions';

export interface PaperReference {
  authors: string;
  year: number;
  title: string;
  venue: string;
  url: string;
}

/** A method explained in plain words, for its ⓘ dialog (each setting's own `help` is shown beside it). */
export interface MethodHelp {
  /** what the map shows, in 2–3 plain sentences */
  what: string;
  /** the map's equation in TeX, with the notation of docs/METHOD.md (rendered to MathML by the UI) */
  equation: string;
  /** a note on the settings as a whole, beyond each setting's own help */
  settingsNote?: string;
}

/** How a method is drawn on every plot: a colour, a dash pattern and a marker shape (two cues beside colour). */
export interface PlotStyle {
  /** contrast ≥ 3:1 against white and against a dark page (#121212), so lines read in both themes */
  color: string;
  /** SVG stroke-dasharray ('' = solid) */
  dash: string;
  marker: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
}

/** Everything the UI, the link codec and the engine know about a method, as plain data (no tfjs). */
export interface MethodMeta<Id extends string = string, S extends SettingSpecs = SettingSpecs> {
  id: Id;
  title: string;
  /** one line, shown under the panel title */
  description: string;
  reference: PaperReference;
  needs: MethodNeeds;
  /** on screen by default: the paper's three methods */
  shownByDefault: boolean;
  settings: S;
  help?: MethodHelp;
  /** its colour, dash and marker on every plot (faithfulness curves, sanity ρ plot, report) */
  plot: PlotStyle;
  /** 'reference': the map every other method's map is correlated with in the read-outs (at most one method) */
  role?: 'reference';
  /** what a job's progress counts, e.g. 'masks' (jobs only) */
  progressUnit?: string;
  /** its side in the Difference view's default pair, A − B, when both sides are on screen */
  difference?: 'a' | 'b';
  /** the panel's subtitle for the current settings on a layer grid (null before the first explanation) */
  summary: (settings: SettingValues<S>, grid: readonly [number, number] | null) => string;
}

export function defineMethod<const Id extends string, const S extends SettingSpecs>(
  meta: MethodMeta<Id, S>,
): MethodMeta<Id, S> {
  return meta;
}

export const usesLayer = (needs: MethodNeeds): boolean => needs !== 'predictions';
export const isJob = (needs: MethodNeeds): boolean => needs !== 'gradients';

/** How far a job that may stop early went (RISE): units used of the most allowed, and the stability reached. */
export interface JobExtent {
  used: number;
  total: number;
  /** split-half stability of the map, 0…1 */
  stability: number;
}

/** A region a job found on the input grid: its share of the image and the Dice its masked image reaches. */
export interface FoundRegion {
  /** |region| / |image| */
  kept: number;
  /** Dice(P'^c ∩ M, P^c ∩ M) with only the region kept */
  dice: number;
}

/** MiSuRe's two regions (docs/METHOD.md, "MiSuRe"): stage 1's sufficient region and stage 2's minimal one. */
export interface SufficientRegions {
  /** the Dice threshold stage 1 grew the region to */
  threshold: number;
  sufficient: FoundRegion & {
    /** 0/1 on the input grid (size), row-major: the panel draws its outline */
    mask: Uint8Array;
    size: [number, number];
    /** dilation radius in input pixels */
    radius: number;
    /** false when even the whole image falls short of the threshold */
    reached: boolean;
  };
  /** the smallest top share of the sufficient region, ranked by the optimised mask, that reaches the threshold */
  minimal: FoundRegion;
}
