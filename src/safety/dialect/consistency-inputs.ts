import { ValidationError } from '../../core/errors/validation-error.js';
import type { MarketplaceAction } from '../../model/action.js';
import { compareActions, compareRecords, type ConsistencyOptions, type ConsistencyReport } from '../consistency.js';
import { translateSimulationAction, type PlannedOperation } from '../translate.js';
import { normalizeAction } from './normalize.js';

const isPlanned = (value: unknown): value is PlannedOperation =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PlannedOperation).operation === 'string' &&
  Array.isArray((value as PlannedOperation).payload);

/** The currency of the first price-like field of a canonical input, for the other side's bare numbers. */
function currencyIn(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 4) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.currency === 'string' && typeof record.amountMinor === 'number') return record.currency;
  for (const child of Object.values(record)) {
    const found = currencyIn(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function canonical(input: unknown, side: 'simulation' | 'real', currency: string | undefined): MarketplaceAction {
  const result = normalizeAction(input, { currency });
  if (result.isErr()) throw new ValidationError(`${side} action`, [{ path: [side], message: result.error.message }]);
  if (result.value.kind === 'unnamed_delete') {
    throw new ValidationError(`${side} action`, [
      {
        path: [side],
        message: `bulk_delete of ${result.value.count} listing(s) names none of them; give product_ids to compare it.`,
      },
    ]);
  }
  return result.value.action;
}

/**
 * Compares a simulation action with its real counterpart across the two vocabularies: either
 * side may be a `MarketplaceAction` or a simulation-dialect action, and the real side may be a
 * {@link PlannedOperation} (then the simulation action's own plan is compared with it:
 * operation and payload). Dialect prices take `options.currency`, else the currency of the
 * other side's price.
 *
 * @example
 * ```ts
 * compareActionInputs(
 *   { type: 'set_price', product_sku: 'FBA-PRODUCT-001', new_price: 29.99 },
 *   { type: 'set_price', sku: 'FBA-PRODUCT-001', price: { amountMinor: 2999, currency: 'USD' } },
 * ).consistent; // true
 * ```
 *
 * @category Validator
 */
export function compareActionInputs(
  simulation: unknown,
  real: unknown,
  options: ConsistencyOptions = {},
): ConsistencyReport {
  const currency = options.currency ?? currencyIn(real) ?? currencyIn(simulation);
  const sim = canonical(simulation, 'simulation', currency);
  if (isPlanned(real)) {
    const plan = translateSimulationAction(sim);
    const pick = (p: PlannedOperation) => ({ operation: p.operation, payload: p.payload });
    return compareRecords(pick(plan), pick(real), { ...options, ignore: [] });
  }
  return compareActions(sim, canonical(real, 'real', currency), options);
}
