/**
 * One line of an order.
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreOrderItem {
  item: {
    id: string;
    title?: string;
    variation_id?: number | null;
    seller_sku?: string | null;
    seller_custom_field?: string | null;
  };
  quantity: number;
  unit_price: number;
  full_unit_price?: number;
  currency_id: string;
}

/**
 * An order (`/orders/{id}`, and each result of `/orders/search`).
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreOrder {
  id: number;
  status: string;
  status_detail?: string | null;
  date_created: string;
  date_closed?: string | null;
  last_updated: string;
  order_items: MercadoLibreOrderItem[];
  total_amount: number;
  paid_amount?: number | null;
  currency_id: string;
  buyer?: { id: number; nickname?: string; first_name?: string; last_name?: string };
  seller?: { id: number };
  shipping?: { id: number | null } | null;
  shipping_cost?: number | null;
  taxes?: { amount: number | null } | null;
  tags?: string[];
  pack_id?: number | null;
}

/**
 * One page of `/orders/search`.
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreOrderSearch {
  results: MercadoLibreOrder[];
  paging: { total: number; offset: number; limit: number };
}

/**
 * A Mercado Envíos shipment (`/shipments/{id}` with `x-format-new: true`).
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreShipment {
  id: number;
  status: string;
  substatus?: string | null;
  tracking_number?: string | null;
  tracking_method?: string | null;
  service_id?: number | null;
  /** The new format's logistic block: `me1` (the seller ships), `me2` (Mercado Envíos), `custom`. */
  logistic?: { mode?: string; type?: string; direction?: string } | null;
  /** The mode in the old format. */
  mode?: string;
  order_id?: number | null;
  date_created?: string;
  last_updated?: string;
}
