// Vite's import.meta.glob(pattern, { eager: true }) for code run by tsx as CommonJS (the command line): tsx leaves
// import.meta.glob undefined, so each compiled module's call is pointed here before it runs. Relative patterns whose
// segments may hold `*` only (what src/ uses: src/engine/methodJobs.ts).
const { existsSync, readdirSync } = require('node:fs');
const { dirname, join } = require('node:path');
const Module = require('node:module');

/** { 'pattern-relative path': module } for every file matching the pattern, as Vite's eager glob returns. */
function eagerGlob(filename, load, pattern, options) {
  if (!options || options.eager !== true) throw new Error(`import.meta.glob('${pattern}') needs { eager: true } here.`);
  if (!pattern.startsWith('.')) throw new Error(`import.meta.glob('${pattern}'): only relative patterns here.`);
  const out = {};
  const walk = (dir, rel, segments) => {
    const [head, ...rest] = segments;
    if (head === undefined) return;
    const matches = head.includes('*')
      ? readdirSync(dir).filter((n) => new RegExp(`^${head.split('*').map(escapeRegExp).join('[^/]*')}$`).test(n))
      : [head];
    for (const name of matches) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      if (rest.length) walk(path, `${rel}/${name}`, rest);
      else out[`${rel}/${name}`] = load(path);
    }
  };
  const segments = pattern.split('/');
  const lead = segments.findIndex((s) => s !== '.' && s !== '..');
  walk(join(dirname(filename), ...segments.slice(0, lead)), segments.slice(0, lead).join('/'), segments.slice(lead));
  return out;
}

const escapeRegExp = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const patched = content.replaceAll(
    'define_import_meta_default.glob(',
    `require(${JSON.stringify(__filename)}).eagerGlob(__filename, require, `,
  );
  return compile.call(this, patched, filename);
};

module.exports = { eagerGlob };
