import type { MarketbridgeError } from './errors/marketbridge-error.js';

/**
 * The outcome of one item of a batch write: its index and input, and either the value the
 * marketplace returned or the typed error for that item.
 *
 * @example
 * ```ts
 * for (const item of result.items) {
 *   if (!item.ok) console.warn(item.input, item.error.code);
 * }
 * ```
 *
 * @category Marketplace contract
 */
export type ItemOutcome<I, T> =
  | { index: number; input: I; ok: true; value: T }
  | { index: number; input: I; ok: false; error: MarketbridgeError };

/**
 * The per-item outcomes of a batch write, in input order, with counts.
 *
 * @example
 * ```ts
 * const result: BatchResult<PriceUpdate, Offer> = await marketplace.updatePrices(updates);
 * console.log(`${result.succeeded} updated, ${result.failed} failed`);
 * ```
 *
 * @category Marketplace contract
 */
export interface BatchResult<I, T> {
  /** One outcome per input item, in input order. */
  items: ItemOutcome<I, T>[];
  /** How many items succeeded. */
  succeeded: number;
  /** How many items failed. */
  failed: number;
}

/**
 * Builds a {@link BatchResult} from outcomes, sorting them into input order and counting.
 *
 * @example
 * ```ts
 * return toBatchResult([{ index: 0, input: update, ok: true, value: offer }]);
 * ```
 *
 * @category Marketplace contract
 */
export function toBatchResult<I, T>(items: ItemOutcome<I, T>[]): BatchResult<I, T> {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const succeeded = sorted.filter((item) => item.ok).length;
  return { items: sorted, succeeded, failed: sorted.length - succeeded };
}
