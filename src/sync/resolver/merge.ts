/**
 * The inputs of a three-way quantity merge: the last value both sides agreed on (`base`), the
 * local value now, and each remote's value now.
 *
 * @category Conflict resolver
 */
export interface QuantityMergeInput {
  /** The last synced value. */
  base: number;
  /** The local (source of truth) value now. */
  local: number;
  /** Each remote's value now; one entry per channel. */
  remotes: readonly number[];
}

/**
 * The outcome of {@link mergeQuantities}: the merged value, every side's delta, and whether the
 * floor at zero cut the sum (more was sold than there was: an oversell already happened).
 *
 * @category Conflict resolver
 */
export interface QuantityMerge {
  /** `max(0, base + localDelta + sum(remoteDeltas))`. */
  value: number;
  /** `local - base`. */
  localDelta: number;
  /** `remote - base`, per remote. */
  remoteDeltas: number[];
  /** True when the sum was negative and was raised to zero. */
  clamped: boolean;
  /** One sentence saying how the value was reached. */
  explanation: string;
}

/**
 * Three-way merge of stock counts: applies both sides' changes since the last sync to the
 * base, so that concurrent sales on several channels are all counted, and never goes below
 * zero.
 *
 * @example
 * ```ts
 * // 10 synced; 2 restocked locally; 3 sold on one channel and 1 on another
 * mergeQuantities({ base: 10, local: 12, remotes: [7, 9] }).value; // 8
 * ```
 *
 * @category Conflict resolver
 */
export function mergeQuantities(input: QuantityMergeInput): QuantityMerge {
  const localDelta = input.local - input.base;
  const remoteDeltas = input.remotes.map((remote) => remote - input.base);
  const sum = input.base + localDelta + remoteDeltas.reduce((total, delta) => total + delta, 0);
  const value = Math.max(0, sum);
  const parts = [
    `base ${input.base}`,
    `local ${signed(localDelta)}`,
    ...remoteDeltas.map((delta, i) => `remote#${i + 1} ${signed(delta)}`),
  ];
  const explanation = `Three-way merge: ${parts.join(', ')} = ${sum}${value === sum ? '.' : `; raised to 0 because stock cannot be negative.`}`;
  return { value, localDelta, remoteDeltas, clamped: value !== sum, explanation };
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}
