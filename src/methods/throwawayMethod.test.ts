import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createElement, type FunctionComponent } from 'react';
import { renderToString } from 'react-dom/server';
import { strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { testView } from '../../scripts/testing/testView';

// README's promise, checked: a method is one folder plus one entry in registry.ts. The test copies src/ (never the real
// one), adds a throw-away method folder to the copy, registers it there (or not), and looks for it on screen, in the
// share link, in the report and in the engine's dispatch. Without the registry entry, all four must miss it.

const ROOT = resolve(__dirname, '../..');
const PROBE_FILES: Record<string, string> = {
  'meta.ts': `import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'probe',
  title: 'Probe method',
  description: 'A throw-away method: the activations, scaled.',
  reference: { authors: 'Nobody', year: 2026, venue: 'none', title: 'A probe', url: 'https://example.org/probe' },
  needs: 'gradients',
  shownByDefault: false,
  settings: {
    gain: { kind: 'int', label: 'Probe gain', link: 'pgain', default: 2, min: 1, max: 9, step: 1, help: 'A gain.' },
  },
  plot: { color: '#123456', dash: '1 1', marker: 'star' },
  summary: (s) => \`probe gain \${s.gain}\`,
});
`,
  'combine.ts': `import type { SettingValues } from '../../core/settings';
import type { HostTensor } from '../../explain/host/tensor';
import type { meta } from './meta';

/** ReLU(gain · Σ_k A_k), whatever G says. */
export const combine = (a: HostTensor, _g: HostTensor, s: SettingValues<typeof meta.settings>): Float32Array => {
  const [h, w, k] = a.shape;
  const out = new Float32Array(h * w);
  for (let cell = 0; cell < h * w; cell++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += a.data[cell * k + c]!;
    out[cell] = Math.max(0, s.gain * sum);
  }
  return out;
};
`,
  'index.ts': `import { gradientMethod } from '../types';
import { combine } from './combine';
import { meta } from './meta';

export const method = gradientMethod(meta, combine);
`,
};

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of src/ with the probe's folder, registered in registry.ts when `register`; bare imports resolve as here. */
function appWithProbe(register: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'probe-method-'));
  copies.push(dir);
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'src/methods/probe'));
  for (const [name, text] of Object.entries(PROBE_FILES)) writeFileSync(join(dir, 'src/methods/probe', name), text);
  const registry = join(dir, 'src/methods/registry.ts');
  const source = readFileSync(registry, 'utf8');
  const withProbe = source
    .replace(/^(import \{ method as rise \} from '\.\/rise';)$/m, "$1\nimport { method as probe } from './probe';")
    .replace(/^(const PLUGINS = \[.*)\] as const;$/m, '$1, probe] as const;');
  expect(withProbe.split('\n').length).toBe(source.split('\n').length + 1); // the registry edit is one line (+ a name)
  if (register) writeFileSync(registry, withProbe);
  return dir;
}

/** A module of the copy, typed as the same module of this src/ (the probe is the only difference). */
const load = <T>(dir: string, path: string): Promise<T> => import(/* @vite-ignore */ join(dir, 'src', path));

type Registry = typeof import('./registry');
type MethodId = import('./registry').MethodId;
type Store = typeof import('../state/store');
type Codec = typeof import('../state/urlCodec');
type Report = typeof import('../ui/export/report');
type Link = typeof import('../state/shareLink');
type Combine = typeof import('./combine');
type Tensor = typeof import('../explain/host/tensor');
type Picker = { MethodPicker: FunctionComponent };
type Panel = typeof import('../ui/panels/ExplanationPanel');

/** Everything the app shows or writes about the probe, from one copy. */
async function probeSeen(dir: string) {
  const { METHODS, isMethodId } = await load<Registry>(dir, 'methods/registry.ts');
  const { useAppStore } = await load<Store>(dir, 'state/store.ts');
  const { encodeParams, decodeParams } = await load<Codec>(dir, 'state/urlCodec.ts');
  const { reportFiles } = await load<Report>(dir, 'ui/export/report.ts');
  const { shareLink } = await load<Link>(dir, 'state/shareLink.ts');
  const { combineMap } = await load<Combine>(dir, 'methods/combine.ts');
  const { hostTensor } = await load<Tensor>(dir, 'explain/host/tensor.ts');
  const { MethodPicker } = await load<Picker>(dir, 'ui/settings/MethodPicker.tsx');
  const { ExplanationPanel } = await load<Panel>(dir, 'ui/panels/ExplanationPanel.tsx');
  const registered = isMethodId('probe');
  const id = 'probe' as MethodId; // an id of the copy's registry, unknown to this src's types

  // On screen: the method picker offers it; its panel shows its title and its summary (a server render reads the
  // store's initial state: the default gain).
  const picker = renderToString(createElement(MethodPicker));
  let panel = '';
  if (registered) {
    useAppStore.getState().toggleMethod(id, true);
    useAppStore.getState().setSettings(id, { gain: 7 } as never);
    panel = renderToString(createElement(ExplanationPanel, { id }));
  }

  // In the link: its setting travels and comes back.
  const params = useAppStore.getState().params;
  const query = encodeParams(params).toString();
  const back = decodeParams(query, { models: [params.model], images: [] }).params;

  // In the report: its map and its metrics.
  const map = { data: Float32Array.from([0, 1, 0.5, 0.25]), size: [2, 2] as [number, number], positive: true };
  const done = { ...useAppStore.getState().results.gradcam, status: 'done', map };
  // A finished view (scripts/testing's) with the methods and settings the link brings back, and a probe map.
  const view = { ...testView(), params: { ...back, region: testView().params.region } };
  view.results = { ...useAppStore.getState().results, [id]: done } as typeof view.results;
  const link = shareLink(view.params, 'https://example.org/');
  const files = reportFiles({ view, link, created: new Date(2026, 0, 2), pngs: {} });
  const metrics = JSON.parse(strFromU8(files['metrics.json']!)) as { methods: Record<string, { title: string }> };

  // In the engine's one dispatch: its combine, post-processed.
  const a = hostTensor(Float32Array.from([1, 2, 3, 4]), [2, 2, 1]);
  const combined = registered ? combineMap({ id, settings: { gain: 3 } }, a, a, [2, 2]).data : null;
  return {
    listed: METHODS.some((m) => m.id === id),
    picker: picker.includes('Show Probe method'),
    panel: panel.includes('>Probe method</h2>') && panel.includes('probe gain 2'),
    link: query.includes('pgain=7') && (back.settings as Record<string, { gain?: number }>).probe?.gain === 7,
    linkMethods: back.methods.includes(id),
    reportMap: 'maps/probe.npy' in files,
    reportMetrics: metrics.methods.probe?.title === 'Probe method',
    combined: combined ? Array.from(combined, (v) => Math.round(v * 1000) / 1000) : null,
  };
}

describe('a throw-away method: one folder plus its line in registry.ts', () => {
  it('is on screen, in the link, in the report and in the dispatch once registered', async () => {
    const seen = await probeSeen(appWithProbe(true));
    expect(seen).toEqual({
      listed: true,
      picker: true,
      panel: true,
      link: true,
      linkMethods: true,
      reportMap: true,
      reportMetrics: true,
      // 3 · [1, 2, 3, 4], min-max normalised: (v − 3) / (12 − 3)
      combined: [0, 0.333, 0.667, 1],
    });
  });

  it('is nowhere without the registry line (so the first test measures the line)', async () => {
    const seen = await probeSeen(appWithProbe(false));
    expect(seen).toEqual({
      listed: false,
      picker: false,
      panel: false,
      link: false,
      linkMethods: false,
      reportMap: false,
      reportMetrics: false,
      combined: null,
    });
  });
});
