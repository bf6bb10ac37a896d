import type { FixedWindowSpec, RateLimitPlan } from '../../http/rate-limit/spec.js';

/**
 * The operations the connector sends, by the name the request pipeline knows them (limiter
 * keys, events, errors).
 *
 * @category Rate limits
 */
export type BolOperation =
  | 'getOffer'
  | 'createOffer'
  | 'updateOffer'
  | 'deleteOffer'
  | 'updateOfferPrice'
  | 'updateOfferStock'
  | 'createOfferExport'
  | 'getOfferExport'
  | 'getOrders'
  | 'getOrder'
  | 'cancelOrderItem'
  | 'createShipment'
  | 'getProcessStatus'
  | 'getProcessStatusBulk'
  | 'getProcessStatusByEntity'
  | 'getSubscriptions'
  | 'getSubscription'
  | 'createSubscription'
  | 'updateSubscription'
  | 'deleteSubscription'
  | 'testSubscription'
  | 'getSignatureKeys'
  | 'getRetailer'
  | 'getInventory';

/**
 * A fixed window of one group of endpoints: `limit` requests per `windowMs`.
 *
 * @category Rate limits
 */
export interface BolWindow {
  limit: number;
  windowMs: number;
}

/**
 * The window each operation counts against. bol.com throttles per method and path pattern
 * (its conventions page lists rules as method, path, time unit, TTL and capacity), so each
 * group below is one such rule.
 *
 * @example
 * ```ts
 * BOL_OPERATION_WINDOWS.updateOfferStock; // 'offers-stock'
 * ```
 *
 * @category Rate limits
 */
export const BOL_OPERATION_WINDOWS: Readonly<Record<BolOperation, string>> = {
  getOffer: 'offers-read',
  createOffer: 'offers-write',
  updateOffer: 'offers-write',
  deleteOffer: 'offers-write',
  updateOfferPrice: 'offers-price',
  updateOfferStock: 'offers-stock',
  createOfferExport: 'offers-export',
  getOfferExport: 'offers-export-read',
  getOrders: 'orders-list',
  getOrder: 'orders-read',
  cancelOrderItem: 'orders-write',
  createShipment: 'shipments-write',
  getProcessStatus: 'process-status',
  getProcessStatusBulk: 'process-status-bulk',
  getProcessStatusByEntity: 'process-status',
  getSubscriptions: 'subscriptions',
  getSubscription: 'subscriptions',
  createSubscription: 'subscriptions',
  updateSubscription: 'subscriptions',
  deleteSubscription: 'subscriptions',
  testSubscription: 'subscriptions',
  getSignatureKeys: 'subscriptions',
  getRetailer: 'retailers',
  getInventory: 'inventory',
};

/**
 * The windows the connector starts from, per group. bol.com does not publish one table of
 * numbers for v10; its conventions page gives the orders rules as examples (7 list requests
 * per 3 minutes, 8 order reads per minute, 25 order writes per minute), and every answer
 * carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`. The other
 * figures are conservative starting points: the connector adopts the limit and window end the
 * platform reports with the first answer of each group, so a higher limit is used as soon as
 * bol.com states it; a lower one costs at most the requests already in flight when the first
 * answer arrives (each refused with 429 and `Retry-After`, which is honoured).
 *
 * @example
 * ```ts
 * BOL_RATE_LIMITS['offers-stock']; // { limit: 25, windowMs: 1000 }
 * ```
 *
 * @category Rate limits
 */
export const BOL_RATE_LIMITS: Readonly<Record<string, BolWindow>> = {
  'offers-stock': { limit: 25, windowMs: 1000 },
  'offers-price': { limit: 25, windowMs: 1000 },
  'offers-write': { limit: 10, windowMs: 1000 },
  'offers-read': { limit: 10, windowMs: 1000 },
  'offers-export': { limit: 2, windowMs: 60_000 },
  'offers-export-read': { limit: 10, windowMs: 60_000 },
  'orders-list': { limit: 7, windowMs: 180_000 },
  'orders-read': { limit: 8, windowMs: 60_000 },
  'orders-write': { limit: 25, windowMs: 60_000 },
  'shipments-write': { limit: 25, windowMs: 60_000 },
  'process-status': { limit: 25, windowMs: 1000 },
  'process-status-bulk': { limit: 5, windowMs: 1000 },
  subscriptions: { limit: 10, windowMs: 60_000 },
  retailers: { limit: 10, windowMs: 60_000 },
  inventory: { limit: 10, windowMs: 60_000 },
};

/**
 * The request pipeline's plan for bol.com: one fixed window per group, opened by the first
 * request after the previous one ended (as a counter with a time-to-live behaves), with
 * `overrides` replacing groups. `shared` keeps the windows in the context's store so that
 * several processes spend one budget.
 *
 * @example
 * ```ts
 * const plan = bolRateLimitPlan({ 'offers-stock': { limit: 50, windowMs: 1000 } }, true);
 * ```
 *
 * @category Rate limits
 */
export function bolRateLimitPlan(overrides: Readonly<Record<string, BolWindow>> = {}, shared = false): RateLimitPlan {
  const windows = { ...BOL_RATE_LIMITS, ...overrides };
  const operations: Record<string, FixedWindowSpec> = {};
  for (const [operation, group] of Object.entries(BOL_OPERATION_WINDOWS)) {
    const window = windows[group] ?? { limit: 1, windowMs: 1000 };
    operations[operation] = {
      kind: 'fixed-window',
      limit: window.limit,
      windowMs: window.windowMs,
      anchor: 'first-request',
      bucket: group,
    };
  }
  return { operations, shared };
}
