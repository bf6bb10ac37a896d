/**
 * One stock location of a user product.
 *
 * @category Platform types and mapping
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
 * @category Platform types and mapping
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
 * @category Platform types and mapping
 */
export interface MercadoLibreUser {
  id: number;
  nickname?: string;
  site_id?: string;
  tags?: string[];
}
