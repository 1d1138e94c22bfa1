#!/usr/bin/env node
// The command line (README, "Command line"): src/cli/main.ts run as TypeScript by tsx, as CommonJS: tfjs-core's ES
// build imports folders, which Node's ES loader refuses. eagerGlob.cjs gives the engine Vite's import.meta.glob.
import { createRequire } from 'node:module';
import { require as tsxRequire } from 'tsx/cjs/api';

createRequire(import.meta.url)('./eagerGlob.cjs');
const { main } = tsxRequire('../src/cli/main.ts', import.meta.url);
main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
