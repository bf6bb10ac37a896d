import { checkId } from './ids.js';
import type { MercadoLibreRequest } from './types.js';

/**
 * `GET /user-products/{id}/stock`: the user product's stock per location; the answer's
 * `x-version` header is the version every write must send back.
 *
 * @example
 * ```ts
 * getUserProductStockRequest('MLMU123456789');
 * ```
 */
export function getUserProductStockRequest(userProductId: string): MercadoLibreRequest {
  return {
    operation: 'getUserProductStock',
    method: 'GET',
    path: `/user-products/${checkId('userProduct', userProductId, 'userProductId')}/stock`,
  };
}

/**
 * `PUT /user-products/{id}/stock/type/{type}` with `x-version`: `seller_warehouse` takes
 * `{ locations: [{ store_id, network_node_id, quantity }] }`, `selling_address` takes
 * `{ quantity }`. A stale version is refused with 409, so the write is compare-and-set.
 *
 * @example
 * ```ts
 * updateUserProductStockRequest('MLMU1', 'seller_warehouse', { locations: [{ store_id: '123456', quantity: 10 }] }, '7');
 * ```
 */
export function updateUserProductStockRequest(
  userProductId: string,
  type: 'seller_warehouse' | 'selling_address',
  body: { locations: { store_id: string; network_node_id?: string; quantity: number }[] } | { quantity: number },
  version: string,
): MercadoLibreRequest {
  return {
    operation: 'updateUserProductStock',
    method: 'PUT',
    path: `/user-products/${checkId('userProduct', userProductId, 'userProductId')}/stock/type/${type}`,
    headers: { 'x-version': version },
    json: body,
  };
}
