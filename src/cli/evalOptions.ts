// `segexplain eval` options: parsed with node:util's parseArgs, checked, turned into what a run needs.
import { parseArgs } from 'node:util';
import { METHOD_IDS } from '../methods/registry';
import { parseShard, type Shard } from './shard';
import { UsageError } from './usageError';

export const EVAL_HELP = `segexplain eval --out DIR [options]

Inputs (one of):
  --scenes heldout         the trained models' held-out scenes (64 committed, more composed from their items)
    --count N              scenes (default 64)   --seed S  composed scenes' seed (default 1)
  --images DIR             PNG images; --masks DIR: label masks (<name>.png or <name>-labels.png, class ids)
  --regions FILE           JSON list [{ "image": "<scene>", "region": "box:0.1,0.2,0.5,0.6", "class": 3 }]
Model:
  --model ID|FILE          bundled (selfie, unet, deeplab, unetr), a model.json or an .onnx (repeatable)
  --input-range R          a custom model's pixel range: 0,1 (default), 0,255 or -1,1
Methods and settings (the app's link keys):
  --methods LIST           default: ${METHOD_IDS.join(',')}; a variant: "xres[pool=mean,win=4]"
  --link QUERY             view-wide keys and settings, e.g. "thr=0.2&base=mean&pool=max&win=2&n=2000&layer=..."
Regions from label masks:
  --kinds LIST             point,box,item (default all)   --items K  the K largest items per scene (default all)
Run:
  --backend auto|wasm|cpu  (default auto: a short probe picks the faster)
  --batch N                batch size of jobs (default: tuned on the first run)
  --shard i/n              run every n-th scene from the i-th; join the outputs with segexplain merge
  --app-url URL            base of the records' links (default http://localhost:5173/)
  --quiet                  no progress bar`;

export interface EvalOptions {
  out: string;
  scenes: 'heldout' | null;
  count: number;
  seed: number;
  images: string | null;
  masks: string | null;
  regions: string | null;
  models: string[];
  inputRange: '0,1' | '0,255' | '-1,1';
  methods: string;
  link: string;
  kinds: string[];
  items: number | null;
  backend: string;
  batch: number | null;
  shard: Shard | null;
  appUrl: string;
  quiet: boolean;
}

const int = (name: string, raw: string | undefined, min: number): number | null => {
  if (raw === undefined) return null;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name} ${raw}: an integer ≥ ${min}.`);
  return v;
};

export function parseEvalOptions(args: string[]): EvalOptions {
  const { values: v } = parseArgs({
    args,
    strict: true,
    options: {
      out: { type: 'string' },
      scenes: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      images: { type: 'string' },
      masks: { type: 'string' },
      regions: { type: 'string' },
      model: { type: 'string', multiple: true },
      'input-range': { type: 'string' },
      methods: { type: 'string' },
      link: { type: 'string' },
      kinds: { type: 'string' },
      items: { type: 'string' },
      backend: { type: 'string' },
      batch: { type: 'string' },
      shard: { type: 'string' },
      'app-url': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  if (!v.out) throw new UsageError('--out DIR is needed: where the records and tables go.');
  if (v.scenes !== undefined && v.scenes !== 'heldout') throw new UsageError(`--scenes ${v.scenes}: only "heldout".`);
  if (!v.scenes === !v.images) throw new UsageError('Give one input: --scenes heldout, or --images DIR.');
  if (v.images && !v.masks && !v.regions)
    throw new UsageError('--images needs --masks DIR (label masks) or --regions FILE: there is nothing to explain.');
  const kinds = (v.kinds ?? 'point,box,item').split(',').map((k) => k.trim());
  const bad = kinds.find((k) => !['point', 'box', 'item'].includes(k));
  if (bad) throw new UsageError(`--kinds ${bad}: one of point, box, item.`);
  const range = v['input-range'] ?? '0,1';
  if (!['0,1', '0,255', '-1,1'].includes(range)) throw new UsageError(`--input-range ${range}: 0,1, 0,255 or -1,1.`);
  return {
    out: v.out,
    scenes: v.scenes ? 'heldout' : null,
    count: int('count', v.count, 1) ?? 64,
    seed: int('seed', v.seed, 0) ?? 1,
    images: v.images ?? null,
    masks: v.masks ?? null,
    regions: v.regions ?? null,
    models: v.model?.length ? v.model : ['unet'],
    inputRange: range as EvalOptions['inputRange'],
    methods: v.methods ?? METHOD_IDS.join(','),
    link: v.link ?? '',
    kinds,
    items: int('items', v.items, 1),
    backend: v.backend ?? 'auto',
    batch: int('batch', v.batch, 1),
    shard: parseShard(v.shard),
    appUrl: v['app-url'] ?? 'http://localhost:5173/',
    quiet: !!v.quiet,
  };
}
