/**
 * One variant of the simulated shop.
 *
 * @category Simulator
 */
export interface SimVariant {
  id: number;
  productId: number;
  sku: string;
  title: string;
  price: string;
  compareAtPrice: string | null;
  barcode: string | null;
  options: { name: string; value: string }[];
  inventoryItemId: number;
}

/**
 * One product of the simulated shop.
 *
 * @category Simulator
 */
export interface SimProduct {
  id: number;
  title: string;
  descriptionHtml: string;
  vendor: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  productType: string;
  updatedAt: string;
  variantIds: number[];
}

/**
 * Stock of one inventory item at one location. `on_hand` is `available + committed`.
 *
 * @category Simulator
 */
export interface SimLevel {
  available: number;
  committed: number;
  updatedAt: string;
}

/**
 * One order line of the simulated shop.
 *
 * @category Simulator
 */
export interface SimOrderLine {
  id: number;
  sku: string;
  title: string;
  quantity: number;
  /** Quantity not removed (cancelled). */
  currentQuantity: number;
  fulfilled: number;
  unitPrice: string;
  inventoryItemId: number;
}

/**
 * One order of the simulated shop, with one fulfillment order.
 *
 * @category Simulator
 */
export interface SimOrder {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  email: string;
  lines: SimOrderLine[];
  shipping: string;
  tax: string;
  locationId: number;
  fulfillmentOrderId: number;
  fulfillments: { id: number; company: string | null; number: string | null; url: string | null; createdAt: string }[];
}

/**
 * One bulk operation of the simulated shop.
 *
 * @category Simulator
 */
export interface SimBulkOperation {
  id: number;
  query: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
  createdAt: string;
  completedAt: string | null;
  /** Polls left before it completes. */
  pollsLeft: number;
  lines: string[];
  /** Whether the rows come grouped (children right after their parent); default true. */
  grouped?: boolean;
}

/**
 * Everything the simulated shop keeps. Tests may read and change it directly.
 *
 * @category Simulator
 */
export interface ShopifySimState {
  currency: string;
  products: Map<number, SimProduct>;
  variants: Map<number, SimVariant>;
  variantsBySku: Map<string, SimVariant>;
  /** Keyed `${inventoryItemId}:${locationId}`. */
  levels: Map<string, SimLevel>;
  locations: Map<number, { id: number; name: string; isActive: boolean }>;
  orders: Map<number, SimOrder>;
  webhooks: Map<number, { id: number; topic: string; uri: string; format: string; createdAt: string }>;
  bulkOperations: Map<number, SimBulkOperation>;
  /** Variables and responses of `@idempotent` mutations by key. */
  idempotency: Map<string, unknown>;
  nextId: number;
}

/**
 * A fresh, empty simulated shop state.
 *
 * @example
 * ```ts
 * const state = createSimState('EUR', 2);
 * ```
 *
 * @category Simulator
 */
export function createSimState(currency: string, locations: number): ShopifySimState {
  const state: ShopifySimState = {
    currency,
    products: new Map(),
    variants: new Map(),
    variantsBySku: new Map(),
    levels: new Map(),
    locations: new Map(),
    orders: new Map(),
    webhooks: new Map(),
    bulkOperations: new Map(),
    idempotency: new Map(),
    nextId: 1000,
  };
  for (let i = 1; i <= locations; i++)
    state.locations.set(i, { id: i, name: i === 1 ? 'Warehouse' : `Location ${i}`, isActive: true });
  return state;
}

/**
 * A new id, unique within the simulated shop.
 *
 * @example
 * ```ts
 * const id = nextId(state);
 * ```
 *
 * @category Simulator
 */
export function nextId(state: ShopifySimState): number {
  return ++state.nextId;
}

/**
 * The key of a level in {@link ShopifySimState.levels}.
 *
 * @example
 * ```ts
 * state.levels.get(levelKey(item, 1));
 * ```
 *
 * @category Simulator
 */
export function levelKey(inventoryItemId: number, locationId: number): string {
  return `${inventoryItemId}:${locationId}`;
}

/**
 * The numeric id inside a GID (`gid://shopify/Product/7` → 7), or NaN.
 *
 * @example
 * ```ts
 * gidNumber('gid://shopify/Location/1'); // 1
 * ```
 *
 * @category Simulator
 */
export function gidNumber(gid: unknown): number {
  if (typeof gid !== 'string') return Number.NaN;
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(gid);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The GID of a simulated resource.
 *
 * @example
 * ```ts
 * gid('Product', 7); // 'gid://shopify/Product/7'
 * ```
 *
 * @category Simulator
 */
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}
