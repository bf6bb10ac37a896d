import type { BolCancellationReason } from '../types.js';

/**
 * The reason codes bol.com accepts for cancellations.
 *
 * @example
 * ```ts
 * BOL_CANCELLATION_REASONS.includes('OUT_OF_STOCK'); // true
 * ```
 *
 * @category Platform types and mapping
 */
export const BOL_CANCELLATION_REASONS: readonly BolCancellationReason[] = [
  'OUT_OF_STOCK',
  'REQUESTED_BY_CUSTOMER',
  'BAD_CONDITION',
  'HIGHER_SHIPCOST',
  'INCORRECT_PRICE',
  'NOT_AVAIL_IN_TIME',
  'NO_BOL_GUARANTEE',
  'ORDERED_TWICE',
  'RETAIN_ITEM',
  'TECH_ISSUE',
  'UNFINDABLE_ITEM',
  'OTHER',
];

const ALIASES: Readonly<Record<string, BolCancellationReason>> = {
  out_of_stock: 'OUT_OF_STOCK',
  buyer_request: 'REQUESTED_BY_CUSTOMER',
  customer_request: 'REQUESTED_BY_CUSTOMER',
  requested_by_customer: 'REQUESTED_BY_CUSTOMER',
  damaged: 'BAD_CONDITION',
  bad_condition: 'BAD_CONDITION',
  pricing_error: 'INCORRECT_PRICE',
  incorrect_price: 'INCORRECT_PRICE',
  duplicate: 'ORDERED_TWICE',
  seller_cancelled: 'OTHER',
  other: 'OTHER',
};

/**
 * The bol.com reason code for a canonical cancellation reason: bol.com's own codes (any case)
 * and the common canonical names (`out_of_stock`, `buyer_request`, `damaged`, `pricing_error`,
 * `duplicate`, `seller_cancelled` → `OTHER`); `undefined` for anything else.
 *
 * @example
 * ```ts
 * cancellationReason('buyer_request'); // 'REQUESTED_BY_CUSTOMER'
 * cancellationReason('because'); // undefined
 * ```
 *
 * @category Platform types and mapping
 */
export function cancellationReason(reason: string): BolCancellationReason | undefined {
  const upper = reason.trim().toUpperCase();
  if ((BOL_CANCELLATION_REASONS as readonly string[]).includes(upper)) return upper as BolCancellationReason;
  return ALIASES[reason.trim().toLowerCase()];
}
