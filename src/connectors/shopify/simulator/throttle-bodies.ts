import type { ShopifyThrottleStatus } from '../cost-planner.js';

/**
 * The body Shopify's GraphQL Admin API answers a throttled query with (HTTP 200, no `data`).
 *
 * @example
 * ```ts
 * const body = shopifyThrottledBody(120, { maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 100 });
 * ```
 *
 * @category Simulator
 */
export function shopifyThrottledBody(requestedQueryCost: number, throttleStatus: ShopifyThrottleStatus) {
  return {
    errors: [
      {
        message: 'Throttled',
        extensions: {
          code: 'THROTTLED',
          documentation: 'https://shopify.dev/api/usage/rate-limits',
        },
      },
    ],
    extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus } },
  };
}

/**
 * The `extensions.cost` block Shopify adds to every GraphQL answer.
 *
 * @example
 * ```ts
 * const extensions = shopifyCostExtensions(52, 12, { maximumAvailable: 1000, currentlyAvailable: 988, restoreRate: 100 });
 * ```
 *
 * @category Simulator
 */
export function shopifyCostExtensions(
  requestedQueryCost: number,
  actualQueryCost: number,
  throttleStatus: ShopifyThrottleStatus,
) {
  return { cost: { requestedQueryCost, actualQueryCost, throttleStatus } };
}
