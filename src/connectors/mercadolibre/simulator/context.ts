import type { Clock } from '../../../core/clock.js';
import { currencyExponent } from '../../../model/currency.js';
import type { MercadoLibreItem } from '../types/index.js';
import type { MercadoLibreSimState, SimSeller } from './state.js';

/**
 * What a simulator handler gets: the state, the clock, the authenticated seller and
 * application, and the parsed request.
 */
export interface SimRequest {
  state: MercadoLibreSimState;
  clock: Clock;
  request: Request;
  url: URL;
  /** The path's captured parts. */
  params: string[];
  /** The JSON body (undefined for none or non-JSON). */
  body: unknown;
  /** The seller the access token belongs to. */
  seller: SimSeller;
  /** The application the access token was issued to. */
  applicationId: string;
  /** Called after each write, with the topic and resource it notifies about. */
  changed(topic: string, resource: string): void;
}

/**
 * A timestamp as MercadoLibre writes them (milliseconds, offset).
 *
 * @example
 * ```ts
 * stamp(clock); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function stamp(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/**
 * The next id of a sequence.
 *
 * @example
 * ```ts
 * const id = nextNumber(state); // 1, 2, ...
 * ```
 */
export function nextNumber(state: MercadoLibreSimState): number {
  return ++state.sequence;
}

/**
 * Whether an amount is a positive number with no more decimals than the currency has.
 *
 * @example
 * ```ts
 * validAmount(10.5, 'CLP'); // false: CLP has no decimals
 * ```
 */
export function validAmount(value: unknown, currency: string): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return false;
  const decimals = (String(value).split('.')[1] ?? '').length;
  return decimals <= (currencyExponent(currency) ?? 2);
}

/**
 * Recomputes what MercadoLibre derives after an item changes: the quantity of an item with
 * variations is their sum; no stock pauses an active listing (`out_of_stock`) and stock
 * coming back reactivates it.
 *
 * @example
 * ```ts
 * settleItem(item, clock);
 * ```
 */
export function settleItem(item: MercadoLibreItem, clock: Clock): void {
  if (item.variations?.length)
    item.available_quantity = item.variations.reduce((sum, variation) => sum + variation.available_quantity, 0);
  const outOfStock = item.sub_status?.includes('out_of_stock') ?? false;
  if (item.status === 'active' && item.available_quantity === 0) {
    item.status = 'paused';
    item.sub_status = [...(item.sub_status ?? []).filter((s) => s !== 'out_of_stock'), 'out_of_stock'];
  } else if (item.status === 'paused' && outOfStock && item.available_quantity > 0) {
    item.status = 'active';
    item.sub_status = (item.sub_status ?? []).filter((s) => s !== 'out_of_stock');
  }
  item.last_updated = stamp(clock);
}
