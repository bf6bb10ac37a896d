import { segment, type BolRequest } from './types.js';

/**
 * `GET /retailers/{retailer-id}` (`current` for the connected account).
 *
 * @example
 * ```ts
 * const { displayName } = (await client.send(getRetailerRequest())).data;
 * ```
 */
export function getRetailerRequest(retailerId = 'current'): BolRequest {
  return { operation: 'getRetailer', method: 'GET', api: 'retailer', path: `/retailers/${segment(retailerId)}` };
}

/**
 * `GET /inventory`: stock in bol.com's warehouses (FBB), 50 a page, optionally for one EAN.
 *
 * @example
 * ```ts
 * const { inventory } = (await client.send(getInventoryRequest({ query: '0000007740404' }))).data;
 * ```
 */
export function getInventoryRequest(input: { page?: number; query?: string } = {}): BolRequest {
  return {
    operation: 'getInventory',
    method: 'GET',
    api: 'retailer',
    path: '/inventory',
    query: { page: input.page ?? 1, query: input.query },
  };
}
