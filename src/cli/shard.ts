import { UsageError } from './usageError';

/** A shard "i/n" (1 ≤ i ≤ n): this process runs the scenes whose position p in the run's list has p mod n = i − 1. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(raw: string | undefined): Shard | null {
  if (raw === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${raw}: write i/n with 1 ≤ i ≤ n, e.g. --shard 2/8.`);
  return { index, count };
}

/** The items of this shard, in order: every n-th from the (i − 1)-th, so shards are balanced and disjoint. */
export const shardOf = <T>(items: readonly T[], shard: Shard | null): T[] =>
  shard ? items.filter((_, p) => p % shard.count === shard.index - 1) : [...items];

/** The records file of a shard (the records of one run: records.jsonl). */
export const recordsFile = (shard: Shard | null): string =>
  shard ? `records.${shard.index}-of-${shard.count}.jsonl` : 'records.jsonl';
