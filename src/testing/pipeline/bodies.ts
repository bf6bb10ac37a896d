/**
 * Shopify's throttle status block (`extensions.cost.throttleStatus`).
 *
 * @example
 * ```ts
 * const status: ShopifyThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 100 };
 * ```
 */
export interface ShopifyThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * The body Shopify's GraphQL Admin API answers a throttled query with (HTTP 200, no `data`).
 *
 * @example
 * ```ts
 * const body = shopifyThrottledBody(120, { maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 100 });
 * ```
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
 */
export function shopifyCostExtensions(requestedQueryCost: number, actualQueryCost: number, throttleStatus: ShopifyThrottleStatus) {
  return { cost: { requestedQueryCost, actualQueryCost, throttleStatus } };
}

/**
 * The body of an Amazon SP-API throttled call (HTTP 429).
 *
 * @example
 * ```ts
 * new Response(JSON.stringify(amazonQuotaExceededBody()), { status: 429 });
 * ```
 */
export function amazonQuotaExceededBody() {
  return {
    errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
  };
}

/**
 * An RFC 7807 problem body as bol.com sends it.
 *
 * @example
 * ```ts
 * problemBody(429, 'Too many requests', 'Retry later.');
 * ```
 */
export function problemBody(status: number, title: string, detail?: string, violations?: { name: string; reason: string }[]) {
  return {
    type: 'https://api.bol.com/problems',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(violations ? { violations } : {}),
  };
}
