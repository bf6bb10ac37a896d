import type { MercadoLibreErrorBody } from './errors.js';

/**
 * An attribute of an item or variation (`SELLER_SKU`, `BRAND`, `GTIN`, ...).
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreAttribute {
  id: string;
  name?: string;
  value_id?: string | null;
  value_name?: string | null;
}

/**
 * One variation of an item: what the buyer picks (colour, size) with its own stock and SKU.
 * Variations of one item share its price.
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreVariation {
  id: number;
  price: number;
  available_quantity: number;
  sold_quantity?: number;
  attribute_combinations: { id?: string; name?: string; value_id?: string | null; value_name?: string | null }[];
  attributes?: MercadoLibreAttribute[];
  seller_custom_field?: string | null;
  picture_ids?: string[];
  user_product_id?: string | null;
}

/**
 * An item (listing) as `GET /items/{id}` returns it (the fields marketbridge reads).
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreItem {
  id: string;
  site_id: string;
  title: string;
  seller_id: number;
  category_id: string;
  price: number;
  currency_id: string;
  available_quantity: number;
  sold_quantity?: number;
  buying_mode?: string;
  listing_type_id: string;
  condition: string;
  status: string;
  sub_status?: string[];
  permalink?: string;
  pictures?: { id?: string; url?: string; secure_url?: string }[];
  attributes?: MercadoLibreAttribute[];
  variations?: MercadoLibreVariation[];
  seller_custom_field?: string | null;
  user_product_id?: string | null;
  date_created?: string;
  last_updated?: string;
  tags?: string[];
}

/**
 * One page of the seller's item search (`/users/{id}/items/search`), with `scroll_id` in scan mode.
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreItemSearch {
  paging: { total: number; limit: number; offset?: number };
  results: string[];
  scroll_id?: string | null;
}

/**
 * One entry of a multiget (`/items?ids=...`): the status of that id and its item or error.
 *
 * @category Platform types and mapping
 */
export interface MercadoLibreMultigetEntry {
  code: number;
  body: MercadoLibreItem | MercadoLibreErrorBody;
}
