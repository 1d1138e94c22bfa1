import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The boundary messages ESLint gives for one import written in a file of the given folder. */
async function refusals(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = 1;\n`, { filePath: join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const FORBIDDEN: [string, string][] = [
  ['src/core/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/core/x.ts', "import { runRise } from '../methods/rise/rise'; void runRise;"],
  ['src/explain/x.ts', "import type { ViewParams } from '../state/params'; export type T = ViewParams;"],
  ['src/explain/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/explain/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/explain/x.ts', "import type { SegmentationModel } from '../model/types'; export type T = SegmentationModel;"],
  ['src/methods/x.ts', "import type { SegmentationModel } from '../model/types'; export type T = SegmentationModel;"],
  ['src/model/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/engine/x.ts', "import { useAppStore } from '../state/store'; void useAppStore;"],
  ['src/engine/x.ts', "import type { Controller } from '../app'; export type T = Controller;"],
  ['src/state/x.ts', "import type { HeatMap } from '../engine/protocol'; export type T = HeatMap;"],
  ['src/state/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/state/x.ts', "import { job } from '../methods/rise/job'; void job;"],
  ['src/ui/x.tsx', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/ui/x.tsx', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/ui/x.tsx', "import { regionDice } from '../explain/dice'; void regionDice;"],
  ['src/ui/x.tsx', "import { runRise } from '../methods/rise/rise'; void runRise;"],
  ['src/ui/x.tsx', "import { job } from '../methods/scorecam/job'; void job;"],
  ['src/ui/x.tsx', "import { combine } from '../methods/gradcam/combine'; void combine;"],
  // A gradient method's tfjs version is a test oracle: no app file imports it, not even its own method folder.
  ['src/methods/xres/x.ts', "import { oracle } from './oracle'; void oracle;"],
  ['src/methods/x.ts', "import { oracle } from './gradcam/oracle'; void oracle;"],
  // A method folder never imports the list of methods that imports it.
  ['src/methods/xres/x.ts', "import type { MethodSettings } from '../registry'; export type T = MethodSettings;"],
  ['src/methods/rise/x.ts', "import { combineMap } from '../combine'; void combineMap;"],
  ['src/methods/xres/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/engine/x.ts', "import { oracle } from '../methods/layercam/oracle'; void oracle;"],
  ['src/client/x.ts', "import { oracle } from '../methods/xres/oracle'; void oracle;"],
  ['src/ui/x.tsx', "import * as Comlink from 'comlink'; void Comlink;"],
  ['src/ui/x.tsx', "import { create } from 'zustand'; void create;"],
  ['src/ui/x.tsx', "import { createStore } from 'zustand/vanilla'; void createStore;"],
  ['src/render/x.ts', "import { useAppStore } from '../state/store'; void useAppStore;"],
  ['src/client/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/client/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/app/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/app/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/core/x.ts', "import { REGION_KINDS } from '../regions/registry'; void REGION_KINDS;"],
  ['src/regions/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/regions/box/tool.ts', "import { useAppStore } from '../../state/store'; void useAppStore;"],
  ['src/regions/x.ts', "import { buildTarget } from '../explain/target'; void buildTarget;"],
  ['src/regions/x.ts', "import { drawDraft } from '../render/overlay'; void drawDraft;"],
  // The command line runs in Node: no React, no store, nothing of the UI thread.
  ['src/cli/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/cli/x.ts', "import { metricsOf } from '../ui/export/report'; void metricsOf;"],
  ['src/cli/x.ts', "import { startEngine } from '../client/client'; void startEngine;"],
  ['src/cli/x.ts', "import { useAppStore } from '../state/store'; void useAppStore;"],
  ['src/cli/x.ts', "import * as Comlink from 'comlink'; void Comlink;"],
  ['src/cli/report/x.ts', "import { Session } from '../../app/session'; void Session;"],
];

const ALLOWED: [string, string][] = [
  ['src/ui/x.tsx', "import { startEngine } from '../client/client'; void startEngine;"],
  ['src/ui/x.tsx', "import type { MethodCall } from '../engine/protocol'; export type T = MethodCall;"],
  ['src/ui/x.tsx', "import { METHODS } from '../methods/registry'; void METHODS;"],
  ['src/ui/x.tsx', "import { useStore } from 'zustand'; void useStore;"],
  ['src/state/x.ts', "import { METHODS } from '../methods/registry'; void METHODS;"],
  ['src/explain/x.ts', "import type { PoolType } from '../core/kinds'; export type T = PoolType;"],
  ['src/methods/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/methods/xres/x.ts', "import type { AnySettings } from '../types'; export type T = AnySettings;"],
  ['src/methods/xres/x.ts', "import { meta } from './meta'; void meta;"],
  ['src/engine/x.ts', "import { METHODS } from '../methods/registry'; void METHODS;"],
  // The UI thread's plain-JS science (map metrics, the recombiner) goes through the client.
  ['src/client/x.ts', "import { mapMetrics } from '../explain/metrics/mapMetrics'; void mapMetrics;"],
  ['src/app/x.ts', "import { metricsOf } from '../client/readMetrics'; void metricsOf;"],
  ['src/client/x.ts', "import { combineMaps } from '../methods/combine'; void combineMaps;"],
  ['src/methods/xres/x.test.ts', "import { oracle } from './oracle'; void oracle;"],
  ['src/engine/x.test.ts', "import { oracle } from '../methods/gradcam/oracle'; void oracle;"],
  ['src/regions/x.ts', "import type { Grid } from '../core/grid'; export type T = Grid;"],
  ['src/explain/x.ts', "import { REGION_KINDS } from '../regions/registry'; void REGION_KINDS;"],
  ['src/state/x.ts', "import { encodeRegion } from '../regions/codec'; void encodeRegion;"],
  ['src/ui/x.tsx', "import { TOOLS } from '../regions/registry'; void TOOLS;"],
  ['src/cli/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/cli/x.ts', "import { shareLink } from '../state/shareLink'; void shareLink;"],
  ['src/cli/x.ts', "import { decodeParams } from '../state/urlCodec'; void decodeParams;"],
  ['src/cli/x.ts', "import { bundledModel } from '../model/registry'; void bundledModel;"],
  ['src/cli/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
];

describe('architecture boundaries (ESLint no-restricted-imports)', () => {
  it.each(FORBIDDEN)('%s refuses: %s', async (file, source) => {
    expect(await refusals(file, source)).not.toEqual([]);
  });
  it.each(ALLOWED)('%s allows: %s', async (file, source) => {
    expect(await refusals(file, source)).toEqual([]);
  });
});

/** Type errors of one file compiled with the options of a tsconfig. */
function typeErrors(config: string, source: string): number[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, config),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error(`cannot read ${config}`);
  const file = join(mkdtempSync(join(tmpdir(), 'boundary-')), 'probe.ts');
  writeFileSync(file, source);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => d.code);
}

describe('the pure folders have no DOM (tsconfig.pure.json)', () => {
  const probe = 'export const title: string = document.title;\n';
  it('document is unknown there', () => {
    expect(typeErrors('tsconfig.pure.json', probe)).toContain(2584);
  });
  it('while the app config (with the DOM) accepts the same line', () => {
    expect(typeErrors('tsconfig.json', probe)).toEqual([]);
  });
  it('tsconfig.pure.json covers core, regions, explain and methods', () => {
    const raw = ts.readConfigFile(join(ROOT, 'tsconfig.pure.json'), ts.sys.readFile).config as { include: string[] };
    expect(raw.include).toEqual(['src/core', 'src/regions', 'src/explain', 'src/methods']);
  });
});

describe('each thread has its own lib (tsconfig.engine.json, tsconfig.client.json)', () => {
  const probe = 'export const title: string = document.title;\n';
  const included = (config: string) =>
    (ts.readConfigFile(join(ROOT, config), ts.sys.readFile).config as { include: string[] }).include;
  it('document is unknown in the engine (a worker has no DOM)', () => {
    expect(typeErrors('tsconfig.engine.json', probe)).toContain(2584);
  });
  it("while the engine has the worker's globals", () => {
    expect(typeErrors('tsconfig.engine.json', 'export const scope: WorkerGlobalScope = self;\n')).toEqual([]);
  });
  it('the client (UI thread) has the DOM', () => {
    expect(typeErrors('tsconfig.client.json', probe)).toEqual([]);
  });
  it('the configs cover src/engine and src/client, and the app config leaves both to them', () => {
    expect(included('tsconfig.engine.json')).toEqual(['src/engine']);
    expect(included('tsconfig.client.json')).toEqual(['src/client']);
    const app = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as { exclude: string[] };
    expect(app.exclude).toEqual(['src/engine', 'src/client']);
  });
});
