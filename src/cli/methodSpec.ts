// Methods and settings of a run, written as in the app's links: `--link` gives the view-wide keys and each method's
// settings (pool, win, n, seed, …: each meta's settings[*].link), `--methods` the methods, each with its own
// overrides in brackets: "gradcam,xres,xres[pool=mean],rise[n=500]".
import type { BaselineKind } from '../core/kinds';
import { MODEL_IDS, SAMPLES } from '../core/models';
import { METHOD_IDS, isMethodId, type MethodId, type MethodSettings } from '../methods/registry';
import { decodeParams } from '../state/urlCodec';
import type { ViewParams } from '../state/params';
import { UsageError } from './usageError';

/** One method of the run with its settings; `label` names it in the records ("xres[pool=mean]"). */
export interface MethodRun {
  label: string;
  id: MethodId;
  settings: MethodSettings[MethodId];
  /** the link that sets these settings (base link plus the entry's overrides) */
  params: ViewParams;
}

export interface RunSpec {
  methods: MethodRun[];
  threshold: number;
  baseline: BaselineKind;
  /** null = the model's default layer */
  layer: string | null;
}

const KNOWN = { models: MODEL_IDS, images: SAMPLES.map((s) => s.id) };

/** Decodes a link query strictly: any warning (unknown key, value out of range) is an error here. */
function strictParams(query: string, what: string): ViewParams {
  const { params, warnings } = decodeParams(query.replace(/^[^?]*\?/, ''), KNOWN);
  if (warnings.length) throw new UsageError(`${what}: ${warnings.join(' ')}`);
  return params;
}

/** The run's methods and settings from `--link` and `--methods`; refuses an unknown method or key with the list. */
export function runSpec(link: string, methods: string): RunSpec {
  const base = strictParams(link, '--link');
  const entries = methods.match(/[^,[\]]+(\[[^\]]*\])?/g) ?? [];
  if (!entries.length) throw new UsageError('--methods is empty.');
  const runs = entries.map((entry): MethodRun => {
    const [, id, overrides = ''] = /^\s*([^[\s]+)\s*(?:\[([^\]]*)\])?\s*$/.exec(entry) ?? [];
    if (!isMethodId(id)) throw new UsageError(`Unknown method "${entry.trim()}": one of ${METHOD_IDS.join(', ')}.`);
    // The entry's own keys come first (a repeated key uses its first value), then the base link's.
    const params = overrides
      ? strictParams([overrides.replace(/,/g, '&'), link.replace(/^[^?]*\?/, '')].filter(Boolean).join('&'), entry)
      : base;
    return { label: entry.trim(), id, settings: params.settings[id], params: { ...params, methods: [id] } };
  });
  const labels = runs.map((r) => r.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice) throw new UsageError(`--methods names ${twice} twice.`);
  return { methods: runs, threshold: base.threshold, baseline: base.baseline, layer: base.layer };
}
