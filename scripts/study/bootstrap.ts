// Summary statistics of the studies: means and seeded percentile-bootstrap intervals.

export const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

/** 95% percentile bootstrap interval of the mean (seeded LCG, 2000 resamples): the same numbers give the same interval. */
export function bootstrap(v: readonly number[]): [number, number] {
  let s = 20261205;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const means: number[] = [];
  for (let b = 0; b < 2000; b++) {
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[Math.floor(rand() * v.length)] as number;
    means.push(sum / v.length);
  }
  means.sort((a, b) => a - b);
  return [means[49] as number, means[1949] as number];
}

export const signed = (v: number): string => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(3);
export const ci = ([a, b]: [number, number]): string => `[${signed(a)}, ${signed(b)}]`;
