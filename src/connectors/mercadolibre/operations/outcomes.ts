import type { ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError, MarketbridgeError } from '../../../core/errors/marketbridge-error.js';

/**
 * Runs the work of one batch item and turns its failure into that item's outcome: a typed
 * error stays as it is, anything else becomes an `internal` error. A cancelled signal is not
 * an item's failure: it rejects the whole batch.
 *
 * @example
 * ```ts
 * const outcome = await outcomeOf(3, update, 'setInventory', () => writeStock(update), signal);
 * ```
 */
export async function outcomeOf<I, T>(
  index: number,
  input: I,
  operation: string,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<ItemOutcome<I, T>> {
  try {
    return { index, input, ok: true, value: await work() };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { index, input, ok: false, error: asItemError(error, operation) };
  }
}

/**
 * The error of one failed item: typed errors as they are, anything else wrapped (redacted)
 * as `internal`.
 *
 * @example
 * ```ts
 * const outcome = { index, input, ok: false as const, error: asItemError(error, 'updatePrices') };
 * ```
 */
export function asItemError(error: unknown, operation: string): MarketbridgeError {
  if (isMarketbridgeError(error)) return error;
  return new MarketbridgeError(
    'internal',
    `mercadolibre ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
    { platform: 'mercadolibre', operation, cause: error },
  );
}
