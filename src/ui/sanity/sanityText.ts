import type { SanityStep } from '../../engine/protocol';

/** ρ as the section prints it: two decimals, a real minus sign, "—" where it is undefined (a constant map). */
export function formatRho(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v.toFixed(2).replace('-', '−');
}

/** Every layer randomised once step `s` is done, from the output down (none for the original, s = 0). */
export function randomisedSoFar(steps: readonly SanityStep[], s: number): string[] {
  return steps
    .filter((x) => x.step >= 1 && x.step <= s)
    .sort((a, b) => a.step - b.step)
    .flatMap((x) => x.layers);
}

/** A step's short label: the range of layers randomised so far, output first ("logits → up1"). */
export function stepLabel(steps: readonly SanityStep[], s: number): string {
  if (s === 0) return 'original';
  const layers = randomisedSoFar(steps, s);
  const first = layers[0] ?? '?';
  const last = layers.at(-1) ?? '?';
  return layers.length <= 1 ? first : `${first} → ${last}`;
}

/** A step's tooltip: what this step adds and everything random so far. */
export function stepTitle(steps: readonly SanityStep[], s: number): string {
  if (s === 0) return 'The model as trained: the map every other step is compared with.';
  const step = steps.find((x) => x.step === s);
  const so = randomisedSoFar(steps, s);
  const layers = `${so.length} layer${so.length === 1 ? '' : 's'}`;
  const now = step?.layers.join(', ') ?? '?';
  return `Step ${s} randomises ${now}. Random so far (${layers}, from the output): ${so.join(', ')}.`;
}

/** One line of the plot: SVG path data through the finite points; an undefined ρ breaks the line. */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(p.x)} ${round(p.y)}`;
    pen = true;
  }
  return d;
}

const round = (v: number) => Math.round(v * 10) / 10;
