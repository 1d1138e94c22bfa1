/**
 * A 0/1 mask as a short URL-safe string: run lengths (zeros first, then ones, alternating, row-major) written as
 * LEB128 varints, then base64url without padding. A brushed blob of 30% of a 256×256 grid takes well under 1 kB.
 */
export function encodeMask(mask: Uint8Array): string {
  const bytes: number[] = [];
  let value = 0;
  let run = 0;
  const flush = () => {
    let n = run;
    do {
      const low = n & 0x7f;
      n >>>= 7;
      bytes.push(n ? low | 0x80 : low);
    } while (n);
  };
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i] ? 1 : 0;
    if (v === value) run++;
    else {
      flush();
      value = v;
      run = 1;
    }
  }
  flush();
  return toBase64Url(Uint8Array.from(bytes));
}

/** The mask of `length` cells, or null when the code is not a valid run-length code of exactly that many cells. */
export function decodeMask(code: string, length: number): Uint8Array | null {
  const bytes = fromBase64Url(code);
  if (!bytes) return null;
  const mask = new Uint8Array(length);
  let at = 0;
  let value = 0;
  for (let i = 0; i < bytes.length;) {
    let run = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      if (b === undefined || shift > 28) return null;
      run += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (at + run > length) return null;
    if (value) mask.fill(1, at, at + run);
    at += run;
    value ^= 1;
  }
  return at === length ? mask : null;
}

const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding, written by hand: the regions are pure (no btoa in a worker-free, DOM-free build). */
function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] as number, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    const chars = b === undefined ? 2 : c === undefined ? 3 : 4;
    for (let k = 0; k < chars; k++) s += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return s;
}

/** The bytes of a base64url code; like atob, leftover bits of a last partial group are dropped. */
function fromBase64Url(code: string): Uint8Array | null {
  if (!URL_SAFE.test(code) || code.length % 4 === 1) return null;
  const out: number[] = [];
  for (let i = 0; i < code.length; i += 4) {
    const group = code.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < group.length ? ALPHABET.indexOf(group[k] as string) : 0);
    out.push((n >> 16) & 255);
    if (group.length > 2) out.push((n >> 8) & 255);
    if (group.length > 3) out.push(n & 255);
  }
  return Uint8Array.from(out);
}
