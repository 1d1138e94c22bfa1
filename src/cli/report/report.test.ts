// npm run report -- --quick into a temporary folder: the report's numbers against a computation from its records.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../records';
import { verdictOf } from './claims';
import { runReport } from './reportCommand';

const ROOT = join(__dirname, '..', '..', '..');

describe('segexplain report --quick', () => {
  it('states each claim with its number, interval and verdict, as the records say', async () => {
    const out = mkdtempSync(join(tmpdir(), 'segexplain-report-'));
    const done = await runReport(
      // two shard processes, as on a 2-core machine by default, merged into one set of records
      ['--quick', '--models', 'deeplab', '--out', out, '--quiet', '--batch', '8', '--jobs', '2'],
      ROOT,
      new AbortController().signal,
      () => undefined,
    );
    expect(done).toBe(true);
    const doc = readFileSync(join(out, 'README.md'), 'utf8');
    for (const c of ['(a)', '(b)', '(c)']) expect(doc).toContain(`## Claim ${c}`);
    for (const f of ['claim-a-itemMass.svg', 'claim-b-spearman.svg', 'claim-c-retained.svg'])
      expect(readFileSync(join(out, 'plots', f), 'utf8')).toMatch(/^<svg /);
    expect(existsSync(join(out, 'data', 'summary.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'data', 'runs.json'), 'utf8'))).toHaveLength(2);
    expect(readdirSync(join(out, 'data')).filter((f) => f.includes('-of-'))).toEqual([]);

    // Claim (a) on the DeepLabV3's boxes, by hand: per scene, mean over its box regions of xres − gradcam itemMass,
    // then the mean over scenes: the table's difference.
    const records = readRecords(join(out, 'data', 'records.jsonl'));
    const mass = (label: string, scene: string) =>
      records.find(
        (r) => r.model === 'deeplab' && r.region.kind === 'box' && r.method.label === label && r.scene === scene,
      )?.readouts.itemMass as number;
    const scenes = [...new Set(records.map((r) => r.scene))];
    expect(scenes).toHaveLength(2);
    const diff = scenes.reduce((s, sc) => s + mass('xres', sc) - mass('gradcam', sc), 0) / scenes.length;
    const row = doc.split('\n').find((l) => l.startsWith('| deeplab | box |')) as string;
    expect(row).toContain(`${diff >= 0 ? '+' : ''}${diff.toFixed(3)} [`);
    expect(row).toMatch(/\*\*(holds|fails|not shown)\*\*/);
  }, 300_000);

  it('a verdict needs the whole interval on one side of 0, and more than one scene', () => {
    const iv = (lo: number, hi: number, scenes = 10) => ({ mean: (lo + hi) / 2, lo, hi, scenes });
    expect(verdictOf(iv(0.01, 0.2))).toBe('holds');
    expect(verdictOf(iv(-0.2, -0.01))).toBe('fails');
    expect(verdictOf(iv(-0.01, 0.2))).toBe('not shown');
    expect(verdictOf(iv(0.1, 0.2, 1))).toBe('not shown');
    expect(verdictOf(null)).toBe('not shown');
  });
});
