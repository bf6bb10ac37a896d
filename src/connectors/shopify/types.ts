/**
 * A `MoneyBag` as the connector's documents read it: the amount in the shop's currency.
 *
 * @category Platform types and mapping
 */
export interface ShopifyMoneyBag {
  shopMoney: { amount: string; currencyCode: string };
}

/**
 * A product variant as the connector's documents read it.
 *
 * @example
 * ```ts
 * const variant: ShopifyVariantNode = {
 *   id: 'gid://shopify/ProductVariant/1', sku: 'A-1', title: 'Default Title', price: '19.99',
 *   compareAtPrice: null, barcode: null, selectedOptions: [], inventoryItem: { id: 'gid://shopify/InventoryItem/1' },
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface ShopifyVariantNode {
  id: string;
  sku: string | null;
  title: string;
  price: string;
  compareAtPrice: string | null;
  barcode: string | null;
  selectedOptions: { name: string; value: string }[];
  inventoryItem: { id: string };
}

/**
 * A product as the connector's documents read it.
 *
 * @example
 * ```ts
 * const product: ShopifyProductNode = {
 *   id: 'gid://shopify/Product/1', title: 'Mug', descriptionHtml: '', vendor: 'Acme', status: 'ACTIVE',
 *   updatedAt: '2026-11-22T10:00:00Z', productType: '', variants: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface ShopifyProductNode {
  id: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED' | 'UNLISTED';
  updatedAt: string;
  productType: string;
  variants: ShopifyConnection<ShopifyVariantNode>;
}

/**
 * A named quantity of an inventory level (`available`, `committed`, `on_hand`, ...).
 *
 * @category Platform types and mapping
 */
export interface ShopifyQuantity {
  name: string;
  quantity: number;
}

/**
 * An inventory level as the connector's documents read it.
 *
 * @example
 * ```ts
 * const level: ShopifyInventoryLevelNode = {
 *   updatedAt: '2026-11-22T10:00:00Z', location: { id: 'gid://shopify/Location/1' },
 *   quantities: [{ name: 'available', quantity: 5 }, { name: 'committed', quantity: 1 }, { name: 'on_hand', quantity: 6 }],
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface ShopifyInventoryLevelNode {
  updatedAt: string;
  location: { id: string };
  quantities: ShopifyQuantity[];
}

/**
 * A shipping address as the connector's documents read it.
 *
 * @category Platform types and mapping
 */
export interface ShopifyAddress {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

/**
 * An order line as the connector's documents read it.
 *
 * @example
 * ```ts
 * const line: ShopifyLineItemNode = {
 *   id: 'gid://shopify/LineItem/1', sku: 'A-1', title: 'Mug', quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2,
 *   originalUnitPriceSet: { shopMoney: { amount: '8.99', currencyCode: 'EUR' } },
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface ShopifyLineItemNode {
  id: string;
  sku: string | null;
  title: string;
  quantity: number;
  currentQuantity: number;
  unfulfilledQuantity: number;
  originalUnitPriceSet: ShopifyMoneyBag;
}

/**
 * An order as the connector's documents read it.
 *
 * @category Platform types and mapping
 */
export interface ShopifyOrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closed: boolean;
  displayFulfillmentStatus: string;
  email: string | null;
  currencyCode: string;
  customer: { displayName: string } | null;
  subtotalPriceSet: ShopifyMoneyBag;
  totalShippingPriceSet: ShopifyMoneyBag;
  totalTaxSet: ShopifyMoneyBag;
  totalPriceSet: ShopifyMoneyBag;
  shippingAddress: ShopifyAddress | null;
  lineItems: ShopifyConnection<ShopifyLineItemNode>;
}

/**
 * A `userErrors` entry of a Shopify mutation payload.
 *
 * @category Platform types and mapping
 */
export interface ShopifyUserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

/**
 * A page of a Shopify connection, as `nodes` and `pageInfo`.
 *
 * @category Platform types and mapping
 */
export interface ShopifyConnection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
