import type { HttpRequest } from '../../../http/client-types.js';
import type { EbayOperation, EbayTokenKind } from '../operations-table.js';

/**
 * One eBay call as the connector builds it: a pipeline request whose operation is an eBay
 * `operationId` (its rate-limit bucket and token follow from {@link EBAY_OPERATIONS}).
 *
 * @category Operations
 */
export interface EbayRequest extends HttpRequest {
  operation: EbayOperation;
  /** Overrides the token the operation takes by default (a subscription to an application topic). */
  token?: EbayTokenKind;
}

/**
 * Path prefixes of the eBay APIs.
 *
 * @example
 * ```ts
 * `${EBAY_API_PATHS.inventory}/offer`; // '/sell/inventory/v1/offer'
 * ```
 */
export const EBAY_API_PATHS = Object.freeze({
  inventory: '/sell/inventory/v1',
  fulfillment: '/sell/fulfillment/v1',
  notification: '/commerce/notification/v1',
  postOrder: '/post-order/v2',
});

/**
 * Encodes one path segment (a SKU may hold any character but `/` must not split the path).
 *
 * @example
 * ```ts
 * segment('MUG 1/blue'); // 'MUG%201%2Fblue'
 * ```
 */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
