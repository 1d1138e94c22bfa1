// The command line end to end on the DeepLabV3 (the fastest bundled model), a few held-out scenes and few RISE masks.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';
import { parseEvalOptions } from './evalOptions';
import { runEval } from './evalCommand';
import { readRecords } from './records';

const ROOT = join(__dirname, '..', '..');
const tmp = () => mkdtempSync(join(tmpdir(), 'segexplain-'));
const TINY = [
  '--scenes',
  'heldout',
  '--count',
  '3',
  '--model',
  'deeplab',
  '--methods',
  'gradcam,xres,rise',
  '--link',
  'n=24&stop=all',
  '--kinds',
  'point,box',
  '--items',
  '1',
  '--batch',
  '8',
  '--backend',
  'wasm',
  '--quiet',
];
const live = () => new AbortController().signal;

afterEach(() => vi.restoreAllMocks());

describe('segexplain eval, shards and merge', () => {
  it('shards 1/2 and 2/2 merged give the same records and summary as one run', async () => {
    const [one, shards] = [tmp(), tmp()];
    const quiet = () => undefined;
    await runEval(parseEvalOptions([...TINY, '--out', one]), ROOT, live(), quiet);
    for (const s of ['1/2', '2/2'])
      await runEval(parseEvalOptions([...TINY, '--out', shards, '--shard', s]), ROOT, live(), quiet);
    expect(existsSync(join(shards, 'summary.json'))).toBe(false);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['merge', '--out', shards], ROOT)).toBe(0);
    const keys = (dir: string) =>
      readRecords(join(dir, 'records.jsonl'))
        .map((r) => r.key)
        .sort();
    expect(keys(shards)).toEqual(keys(one));
    expect(keys(one)).toHaveLength(3 * 2 * 3);
    const summary = (dir: string) => readFileSync(join(dir, 'summary.json'), 'utf8');
    expect(summary(shards)).toEqual(summary(one));
    expect(JSON.parse(summary(one)).groups.length).toBe(2 * 3);
    expect(readFileSync(join(one, 'readouts.csv'), 'utf8')).toMatch(/^model,kind,method,readout,mean,ci95_lo,ci95_hi/);
    expect(existsSync(join(one, 'plots', 'deeplab-itemMass.svg'))).toBe(true);
  });

  it('resumes: a partial last line (a stop mid-write) is dropped, done records are skipped, none twice', async () => {
    const out = tmp();
    const args = parseEvalOptions([...TINY, '--count', '1', '--out', out]);
    const first = await runEval(args, ROOT, live(), () => undefined);
    const file = join(out, 'records.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // keep two whole records and half of the third, as a kill during a write could leave them
    writeFileSync(file, `${lines[0]}\n${lines[1]}\n${(lines[2] as string).slice(0, 40)}`);
    const again = await runEval(args, ROOT, live(), () => undefined);
    expect(again.resumed).toBe(2);
    expect(again.written).toBe(first.written - 2);
    const keys = readRecords(file).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(first.written);
  });

  it('Ctrl-C: stops between records, keeps whole lines only, and the same command finishes the run', async () => {
    const out = tmp();
    const args = parseEvalOptions([...TINY, '--count', '2', '--out', out]);
    const stop = new AbortController();
    const file = join(out, 'records.jsonl');
    const stopped = runEval(args, ROOT, stop.signal, () => undefined);
    // stop as soon as the first record is on disk
    const poll = setInterval(() => existsSync(file) && readFileSync(file, 'utf8').length > 0 && stop.abort(), 5);
    const r = await stopped.finally(() => clearInterval(poll));
    expect(r.stopped).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(readRecords(file).length).toBeLessThan(12);
    const rest = await runEval(args, ROOT, live(), () => undefined);
    expect(readRecords(file).length).toBe(12);
    expect(rest.resumed + rest.written).toBe(12);
  });
});

describe('segexplain refuses bad input with a message and exit status 2', () => {
  const refusal = async (argv: string[]) => {
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void said.push(String(m)));
    const status = await main(argv, ROOT);
    return { status, said: said.join('\n') };
  };

  it.each([
    [['eval', '--out', '/tmp/x', '--images', '/no/such/folder', '--masks', '/no/such/folder'], /No such folder/],
    [['eval', '--out', '/tmp/x', '--scenes', 'heldout', '--methods', 'gradcam,magic'], /Unknown method "magic"/],
    [['eval', '--out', '/tmp/x', '--scenes', 'heldout', '--link', 'pool=median'], /--link/],
    [['eval', '--out', '/tmp/x', '--scenes', 'heldout', '--shard', '3/2'], /--shard 3\/2/],
    [['eval', '--out', '/tmp/x', '--scenes', 'heldout', '--bogus'], /bogus/],
    [['frobnicate'], /Unknown command/],
  ])('%j', async (argv, message) => {
    const r = await refusal(argv);
    expect(r.status).toBe(2);
    expect(r.said).toMatch(message);
  });

  it('an image without a label mask, and a file that is not a model', async () => {
    const [images, masks] = [tmp(), tmp()];
    const png = readFileSync(join(ROOT, 'public/samples/fashion/scene-1.png'));
    writeFileSync(join(images, 'a.png'), png);
    writeFileSync(join(images, 'b.png'), png);
    writeFileSync(join(masks, 'a.png'), readFileSync(join(ROOT, 'public/samples/fashion/scene-1-labels.png')));
    const noMask = await refusal(['eval', '--out', tmp(), '--images', images, '--masks', masks, '--model', 'deeplab']);
    expect(noMask.status).toBe(2);
    expect(noMask.said).toMatch(/Image b\.png has no label mask/);
    const junk = join(tmp(), 'model.json');
    appendFileSync(junk, '{"modelTopology": 42}');
    const bad = await refusal([
      'eval',
      '--out',
      tmp(),
      '--scenes',
      'heldout',
      '--count',
      '1',
      '--model',
      junk,
      '--quiet',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.said).toMatch(/cannot be explained/);
  });
});
