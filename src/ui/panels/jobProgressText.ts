import type { JobExtent, SufficientRegions } from '../../core/method';
import type { JobProgressView, MapRuntime } from '../../state/resultsSlice';

/** "about 12 s", "about 2 min": an estimate, never more precise than it is. */
export function roughDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 1) return 'under a second';
  if (s < 60) return `about ${Math.max(1, Math.round(s))} s`;
  return `about ${Math.round(s / 60)} min`;
}

/**
 * A running job's line: how far it is, and (once a batch has been timed) how long it expects to take from its own
 * measured throughput, towards where it expects to stop (RISE may stop before N).
 */
export function jobProgressText(p: JobProgressView, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  if (p.done === 0) return 'starting…';
  const parts = [`${p.done} / ${p.total}${u}`];
  if (p.stability !== undefined && p.stability > 0) parts.push(`stability ${p.stability.toFixed(2)}`);
  const expected = Math.min(p.total, p.expected ?? p.total);
  if (p.elapsedMs !== undefined && p.elapsedMs > 0 && expected > p.done) {
    const left = (p.elapsedMs / p.done) * (expected - p.done);
    const towards = expected < p.total ? ` (expects to stop near ${expected}${u})` : '';
    parts.push(`${roughDuration(left)} left${towards}`);
  }
  return parts.join(' · ');
}

/** A finished job's extent: "650 of 2000 masks (stable), stability 0.93". */
export function jobExtentText(e: JobExtent, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  const how = e.used < e.total ? ', stopped when stable' : '';
  return `${e.used} of ${e.total}${u}${how}; stability ${e.stability.toFixed(2)}`;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** MiSuRe's stage 1: "12.3% of the image, Dice 0.95 (grown 16 px)", or what fell short of τ. */
export function sufficientRegionText(r: SufficientRegions): string {
  const { kept, dice, radius, reached } = r.sufficient;
  const how = reached ? `grown ${radius} px` : `below τ = ${r.threshold} even so`;
  return `${percent(kept)} of the image, Dice ${dice.toFixed(2)} (${how})`;
}

/** MiSuRe's minimal region, the ranked mask's smallest sufficient top share: "4.1% of the image, Dice 0.92". */
export function minimalRegionText(r: SufficientRegions): string {
  return `${percent(r.minimal.kept)} of the image, Dice ${r.minimal.dice.toFixed(2)}`;
}

const RUNTIME_KIND = { pass: 'shared gradient pass', recombined: 'recombined, no network run', job: 'own passes' };

/** "0.84 s (shared gradient pass)", "12 ms (recombined, no network run)". */
export function runtimeText(r: MapRuntime): string {
  const t = r.ms >= 1000 ? `${(r.ms / 1000).toFixed(r.ms >= 10_000 ? 0 : 1)} s` : `${Math.max(1, Math.round(r.ms))} ms`;
  return `${t} (${RUNTIME_KIND[r.kind]})`;
}
