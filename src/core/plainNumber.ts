/** Plain decimal only: rejects exponents (1e999), hex (0x10), Infinity, NaN, '' and trailing garbage. */
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A number written as a plain decimal in a link, or null. */
export function parsePlainNumber(raw: string): number | null {
  if (!PLAIN_DECIMAL.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
