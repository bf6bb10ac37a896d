/** min/median/max of a list of measurements, rounded to `digits` decimals. */
export interface Stats {
  min: number;
  median: number;
  max: number;
}

/**
 * The min, median and max of `values` (rounded to `digits` decimals).
 *
 * @example
 * ```ts
 * stats([0.61, 0.64, 0.7], 2); // { min: 0.61, median: 0.64, max: 0.7 }
 * ```
 */
export function stats(values: readonly number[], digits = 2): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Number(n.toFixed(digits));
  const middle =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return {
    min: round(sorted[0] ?? Number.NaN),
    median: round(middle),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
