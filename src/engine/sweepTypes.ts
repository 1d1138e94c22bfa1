import type { BaselineKind } from '../core/kinds';
import type { ExplainedTarget, HeatMap } from '../core/results';
import type { MethodId } from '../methods/registry';
import type { MethodCall, TargetRequest } from './protocol';

/** One window of the sweep: the method's map at that window and the map's relevance mass in the region. */
export interface SweepThumb {
  /** window side (0 = the whole grid) */
  window: number;
  map: HeatMap;
  mass: number;
}

/** The sufficiency of several maps of the current gradient target, as one batch (the window sweep). */
export interface SweepSufficiencyRequest {
  maps: HeatMap[];
  threshold: number;
  baseline: BaselineKind;
}

/** The layer sweep: the gradient methods on screen at each of several layers, for the current region and class. */
export interface LayerSweepRequest extends TargetRequest {
  layers: string[];
  methods: MethodCall[];
}

/** One layer of the sweep: each method's map there and its relevance mass on the object the region lies on. */
export interface LayerSweepRow {
  layer: string;
  shape: [number, number, number];
  maps: Partial<Record<MethodId, HeatMap>>;
  mass: Partial<Record<MethodId, number>>;
}

export interface LayerSweepProgress {
  /** layers done, of total */
  done: number;
  total: number;
  row: LayerSweepRow;
}

export interface LayerSweepResult {
  target: ExplainedTarget;
  rows: LayerSweepRow[];
  /** true when every layer's gradient came from one backward pass (the model can tap its layers) */
  onePass: boolean;
  /** wall time (ms) */
  ms: number;
}
