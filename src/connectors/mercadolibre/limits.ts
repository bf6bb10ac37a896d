import type { RateLimitPlan, TokenBucketSpec } from '../../http/rate-limit/spec.js';

/**
 * The resource families MercadoLibre counts requests by. Its rate limits apply per
 * application (client id) and per endpoint, whatever the seller: every seller connected to
 * one application spends the same budgets.
 *
 * @category Rate limits
 */
export type MercadoLibreResource =
  | 'items-read'
  | 'items-write'
  | 'user-products'
  | 'orders'
  | 'shipments'
  | 'notifications'
  | 'users'
  | 'other';

/**
 * A token bucket: `burst` requests at once, refilled at `ratePerSecond`.
 *
 * @category Rate limits
 */
export interface MercadoLibreLimit {
  ratePerSecond: number;
  burst: number;
}

/**
 * The default budget of each resource family. MercadoLibre publishes no general numbers (its
 * rate-limit FAQ says only that limits apply per application and per endpoint and that a 429
 * asks for backoff), so these are marketbridge's conservative defaults. Give your
 * application's own figures through the `limits` option when MercadoLibre granted it more;
 * a 429 is still handled (the bucket is emptied and the call waits and retries).
 *
 * @example
 * ```ts
 * MERCADOLIBRE_LIMITS['items-write']; // { ratePerSecond: 5, burst: 10 }
 * ```
 *
 * @category Rate limits
 */
export const MERCADOLIBRE_LIMITS: Readonly<Record<MercadoLibreResource, MercadoLibreLimit>> = {
  'items-read': { ratePerSecond: 10, burst: 20 },
  'items-write': { ratePerSecond: 5, burst: 10 },
  'user-products': { ratePerSecond: 5, burst: 10 },
  orders: { ratePerSecond: 5, burst: 10 },
  shipments: { ratePerSecond: 5, burst: 10 },
  notifications: { ratePerSecond: 1, burst: 2 },
  users: { ratePerSecond: 2, burst: 5 },
  other: { ratePerSecond: 5, burst: 10 },
};

/**
 * The resource family of each operation the connector sends.
 *
 * @example
 * ```ts
 * MERCADOLIBRE_OPERATION_RESOURCES.multigetItems; // 'items-read'
 * ```
 *
 * @category Rate limits
 */
export const MERCADOLIBRE_OPERATION_RESOURCES: Readonly<Record<string, MercadoLibreResource>> = {
  searchItems: 'items-read',
  multigetItems: 'items-read',
  getItem: 'items-read',
  createItem: 'items-write',
  updateItem: 'items-write',
  getUserProductStock: 'user-products',
  updateUserProductStock: 'user-products',
  searchOrders: 'orders',
  getOrder: 'orders',
  orderFeedback: 'orders',
  getShipment: 'shipments',
  updateShipment: 'shipments',
  notifyShipment: 'shipments',
  missedFeeds: 'notifications',
  getUser: 'users',
  getResource: 'other',
};

/**
 * The resource family of an operation (`other` for any operation not listed).
 *
 * @example
 * ```ts
 * mercadolibreResourceOf('updateItem'); // 'items-write'
 * ```
 *
 * @category Rate limits
 */
export function mercadolibreResourceOf(operation: string): MercadoLibreResource {
  return MERCADOLIBRE_OPERATION_RESOURCES[operation] ?? 'other';
}

/**
 * The request pipeline's plan for one application: a token bucket per resource family,
 * owned by the application (`scope`) rather than the seller, kept in the context's store when
 * `shared`, so that every process and every seller of the application spends one budget.
 *
 * @example
 * ```ts
 * const plan = mercadolibreRateLimitPlan('5503910054141466', { 'items-write': { ratePerSecond: 10, burst: 20 } });
 * ```
 *
 * @category Rate limits
 */
export function mercadolibreRateLimitPlan(
  applicationId: string,
  overrides: Partial<Record<MercadoLibreResource, MercadoLibreLimit>> = {},
  shared = true,
): RateLimitPlan {
  const limits = { ...MERCADOLIBRE_LIMITS, ...overrides };
  const operations: Record<string, TokenBucketSpec> = {};
  for (const [operation, resource] of Object.entries(MERCADOLIBRE_OPERATION_RESOURCES)) {
    operations[operation] = {
      kind: 'token-bucket',
      ratePerSecond: limits[resource].ratePerSecond,
      burst: limits[resource].burst,
      bucket: resource,
    };
  }
  return {
    operations,
    default: {
      kind: 'token-bucket',
      ratePerSecond: limits.other.ratePerSecond,
      burst: limits.other.burst,
      bucket: 'other',
    },
    shared,
    scope: `app:${applicationId}`,
    keyPrefix: 'rl:mercadolibre',
  };
}
