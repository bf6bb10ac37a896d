/**
 * One stock location of a user product.
 *
 * @example
 * ```ts
 * const warehouse: MercadoLibreStockLocation = { type: 'seller_warehouse', store_id: '9876543', network_node_id: 'MXP123451', quantity: 15 };
 * ```
 */
export interface MercadoLibreStockLocation {
  type: 'selling_address' | 'meli_facility' | 'seller_warehouse' | (string & {});
  quantity: number;
  store_id?: string;
  network_node_id?: string;
}

/**
 * The stock of a user product (`/user-products/{id}/stock`); the answer's `x-version` header
 * is its version, sent back on every write.
 *
 * @example
 * ```ts
 * const stock: MercadoLibreUserProductStock = { id: 'MLMU123456789', user_id: 1234, locations: [{ type: 'selling_address', quantity: 5 }] };
 * ```
 */
export interface MercadoLibreUserProductStock {
  id: string;
  user_id: number;
  locations: MercadoLibreStockLocation[];
}

/**
 * A user (`/users/{id}`, `/users/me`): tags such as `warehouse_management` say which stock
 * model the seller uses.
 *
 * @example
 * ```ts
 * const user: MercadoLibreUser = { id: 468424240, nickname: 'SELLER', site_id: 'MLA', tags: ['normal'] };
 * ```
 */
export interface MercadoLibreUser {
  id: number;
  nickname?: string;
  site_id?: string;
  tags?: string[];
}
