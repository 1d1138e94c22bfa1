import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS, BASELINE_KINDS } from '../core/kinds';
import type { Region } from '../regions/registry';
import { anyMeta, METHOD_IDS } from '../methods/registry';
import { defaultParams, LIMITS, type ViewParams } from './params';
import { decodeParams, encodeParams } from './urlCodec';

const KNOWN = { models: ['selfie', 'unet', 'deeplab'], images: ['astronaut', 'fashion-1'] };
const inUnit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;

/** Every field of a decoded view within its whitelist and limits: checked independently of the codec's own code. */
function problems(p: ViewParams): string[] {
  const out: string[] = [];
  if (![...KNOWN.models, 'url'].includes(p.model)) out.push(`model ${p.model}`);
  if ((p.model === 'url') !== (p.modelUrl !== null)) out.push('model url mismatch');
  if (p.modelUrl !== null && !/^https?:\/\//.test(p.modelUrl)) out.push('model url scheme');
  if (p.image !== null && !KNOWN.images.includes(p.image)) out.push(`image ${p.image}`);
  if (
    p.classIndex !== null &&
    !(Number.isInteger(p.classIndex) && p.classIndex >= LIMITS.classIndex.min && p.classIndex <= LIMITS.classIndex.max)
  )
    out.push('class');
  if (p.layer !== null && !/^[A-Za-z0-9_./:-]{1,200}$/.test(p.layer)) out.push('layer');
  if (!p.methods.every((m) => METHOD_IDS.includes(m))) out.push('methods');
  if (!inUnit(p.threshold)) out.push('threshold');
  const sg = p.smoothGrad;
  if (sg !== undefined && !(Number.isInteger(sg) && sg >= 2 && sg <= LIMITS.smoothGrad.max)) out.push('smoothGrad');
  if (!BASELINE_KINDS.includes(p.baseline) || (p.backend !== null && !BACKENDS.includes(p.backend))) out.push('kinds');
  for (const id of METHOD_IDS) {
    for (const [name, spec] of Object.entries(anyMeta(id).settings)) {
      const v = (p.settings[id] as Record<string, unknown>)[name];
      if (
        spec.kind === 'choice'
          ? !spec.options.some((o) => o.value === v)
          : !(typeof v === 'number' && v >= spec.min && v <= spec.max)
      )
        out.push(`${id}.${name}`);
    }
  }
  if (p.region) out.push(...regionProblems(p.region));
  return out;
}

function regionProblems(r: Region): string[] {
  switch (r.kind) {
    case 'point':
    case 'component':
    case 'class':
      return inUnit(r.x) && inUnit(r.y) ? [] : ['click coords'];
    case 'box':
      return [r.x0, r.y0, r.x1, r.y1].every(inUnit) ? [] : ['box coords'];
    case 'polygon':
      return r.points.length >= 3 && r.points.every((q) => inUnit(q.x) && inUnit(q.y)) ? [] : ['polygon'];
    case 'brush':
      return r.mask.length === r.width * r.height && r.mask.every((v) => v === 0 || v === 1) ? [] : ['brush'];
    case 'border':
      return r.zone.kind === 'component' || r.zone.kind === 'class' ? regionProblems(r.zone) : ['border zone'];
    case 'contrastive':
      return (r.area as Region).kind === 'border' ||
        (r.area as Region).kind === 'contrastive' ||
        !(r.versus >= 0 && r.versus <= 255)
        ? ['contrastive']
        : regionProblems(r.area);
  }
}

/** A valid link's query string, then mutated: characters replaced, inserted, deleted or the string cut. */
const validQuery = fc
  .record({
    threshold: fc.double({ min: 0, max: 1, noNaN: true }),
    x: fc.double({ min: 0, max: 1, noNaN: true }),
    n: fc.integer({ min: 1, max: 8000 }),
  })
  .map(({ threshold, x, n }) =>
    encodeParams({
      ...defaultParams(),
      threshold,
      region: { kind: 'box', x0: x, y0: 0.1, x1: 0.9, y1: x },
      methods: ['gradcam', 'scorecam'],
      settings: { ...defaultParams().settings, rise: { ...defaultParams().settings.rise, count: n } },
    }).toString(),
  );
const mutated = fc
  .tuple(
    validQuery,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('replace', 'insert', 'delete', 'cut'),
        fc.string({ minLength: 1, maxLength: 3 }),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([q, edits]) =>
    edits.reduce((s, [at, op, text]) => {
      const i = s.length ? at % s.length : 0;
      if (op === 'replace') return s.slice(0, i) + text + s.slice(i + 1);
      if (op === 'insert') return s.slice(0, i) + text + s.slice(i);
      if (op === 'delete') return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i);
    }, q),
  );

describe('link fuzzing', () => {
  it('10,000 random and mutated query strings never throw, and every decoded view is valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(mutated, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 })),
        (q) => {
          const { params } = decodeParams(q, KNOWN);
          expect(problems(params)).toEqual([]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
