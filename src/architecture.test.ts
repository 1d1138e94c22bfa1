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
  ['src/core/x.ts', "import { runRise } from '../explain/rise'; void runRise;"],
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
  ['src/state/x.ts', "import { compute } from '../methods/xres/compute'; void compute;"],
  ['src/ui/x.tsx', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/ui/x.tsx', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/ui/x.tsx', "import { runRise } from '../explain/rise'; void runRise;"],
  ['src/ui/x.tsx', "import { compute } from '../methods/gradcam/compute'; void compute;"],
  ['src/ui/x.tsx', "import * as Comlink from 'comlink'; void Comlink;"],
  ['src/ui/x.tsx', "import { create } from 'zustand'; void create;"],
  ['src/ui/x.tsx', "import { createStore } from 'zustand/vanilla'; void createStore;"],
  ['src/render/x.ts', "import { useAppStore } from '../state/store'; void useAppStore;"],
  ['src/client/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/client/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
  ['src/app/x.ts', "import { useState } from 'react'; void useState;"],
  ['src/app/x.ts', "import { Engine } from '../engine/engine'; void Engine;"],
];

const ALLOWED: [string, string][] = [
  ['src/ui/x.tsx', "import { startEngine } from '../client/client'; void startEngine;"],
  ['src/ui/x.tsx', "import type { MethodCall } from '../engine/protocol'; export type T = MethodCall;"],
  ['src/ui/x.tsx', "import { METHODS } from '../methods/registry'; void METHODS;"],
  ['src/ui/x.tsx', "import { useStore } from 'zustand'; void useStore;"],
  ['src/state/x.ts', "import { METHODS } from '../methods/registry'; void METHODS;"],
  ['src/explain/x.ts', "import type { PoolType } from '../core/kinds'; export type T = PoolType;"],
  ['src/methods/x.ts', "import * as tf from '@tensorflow/tfjs-core'; void tf;"],
  ['src/engine/x.ts', "import { METHODS } from '../methods/registry'; void METHODS;"],
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
  it('tsconfig.pure.json covers core, explain and methods', () => {
    const raw = ts.readConfigFile(join(ROOT, 'tsconfig.pure.json'), ts.sys.readFile).config as { include: string[] };
    expect(raw.include).toEqual(['src/core', 'src/explain', 'src/methods']);
  });
});
