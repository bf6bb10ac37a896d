import { ValidationError } from '../../core/errors/validation-error.js';
import type { RateLimitPlan } from '../../http/rate-limit/spec.js';
import { estimateQueryCost } from './query-cost.js';

/**
 * `extensions.cost.throttleStatus` of a Shopify GraphQL response.
 *
 * @category Rate limits
 */
export interface ShopifyThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * `extensions.cost` of a Shopify GraphQL response. `actualQueryCost` is null when the query
 * was throttled and not run.
 *
 * @category Rate limits
 */
export interface ShopifyQueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ShopifyThrottleStatus;
}

/**
 * A Shopify plan's GraphQL budget: bucket size and restore rate (points/s).
 *
 * @category Rate limits
 */
export interface ShopifyCostLimits {
  maximumAvailable: number;
  restoreRate: number;
}

/**
 * Shopify's plans, by name.
 *
 * @category Rate limits
 */
export type ShopifyPlan = 'standard' | 'advanced' | 'plus' | 'enterprise';

/**
 * The published GraphQL Admin budgets per plan: 100/200/1000/2000 points restored per second
 * and a bucket of 20 seconds of restore. The limiter starts from the configured plan and then
 * follows what `throttleStatus` reports.
 *
 * @example
 * ```ts
 * SHOPIFY_PLAN_LIMITS.standard.restoreRate; // 100
 * ```
 *
 * @category Rate limits
 */
export const SHOPIFY_PLAN_LIMITS: Readonly<Record<ShopifyPlan, ShopifyCostLimits>> = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
};

/**
 * The largest cost a single query may request; Shopify refuses anything above it with
 * `MAX_COST_EXCEEDED`, on every plan.
 *
 * @example
 * ```ts
 * if (estimateQueryCost(query, variables) > SHOPIFY_SINGLE_QUERY_MAX_COST) splitIt();
 * ```
 *
 * @category Rate limits
 */
export const SHOPIFY_SINGLE_QUERY_MAX_COST = 1000;

/**
 * Share of the bucket the pipeline keeps reserved on top of each call's requested cost and
 * gives back with the actual cost (the cost bucket's `headroom`): 5 % of a Standard bucket is
 * 100 points, one second of restore, which covers a local balance running up to a second of
 * one-way latency ahead of Shopify's.
 *
 * @example
 * ```ts
 * const plan = shopifyRateLimitPlan(shop, SHOPIFY_PLAN_LIMITS.standard, true);
 * plan.default; // { kind: 'cost-bucket', ..., headroom: SHOPIFY_COST_HEADROOM }
 * ```
 *
 * @category Rate limits
 */
export const SHOPIFY_COST_HEADROOM = 0.05;

/**
 * The pipeline's rate-limit plan for one shop: a cost bucket shared by every GraphQL call,
 * named after the shop so that tenants and shops never share a budget by accident, with
 * {@link SHOPIFY_COST_HEADROOM}. With `shared`, the budget lives in `context.store` and
 * several processes share it.
 *
 * @example
 * ```ts
 * const limits = shopifyRateLimitPlan('acme.myshopify.com', SHOPIFY_PLAN_LIMITS.standard, true);
 * const client = createHttpClient({ platform: 'shopify', baseUrl, context, limits, classify: shopifyGraphqlClassifier });
 * ```
 *
 * @category Rate limits
 */
export function shopifyRateLimitPlan(shop: string, limits: ShopifyCostLimits, shared: boolean): RateLimitPlan {
  return {
    default: {
      kind: 'cost-bucket',
      capacity: limits.maximumAvailable,
      restorePerSecond: limits.restoreRate,
      headroom: SHOPIFY_COST_HEADROOM,
      bucket: `graphql:${shop}`,
    },
    shared,
  };
}

/**
 * The cost to reserve for a document: Shopify's requested cost, computed before sending.
 * Throws a ValidationError, before anything is sent, when it exceeds the single-query
 * maximum: Shopify would refuse it and no amount of waiting helps.
 *
 * @example
 * ```ts
 * const cost = plannedCost(PRODUCTS_QUERY, { first: 50 }, 'listProducts'); // reserve this much
 * ```
 *
 * @category Rate limits
 */
export function plannedCost(
  document: string,
  variables: Record<string, unknown>,
  operation: string,
  maxCost = SHOPIFY_SINGLE_QUERY_MAX_COST,
): number {
  const cost = estimateQueryCost(document, variables);
  if (cost > maxCost) {
    throw new ValidationError(
      `query cost of ${operation}`,
      [
        {
          path: ['cost'],
          message: `Requested cost ${cost} exceeds Shopify's single-query maximum of ${maxCost}; request smaller pages.`,
        },
      ],
      { platform: 'shopify', operation },
    );
  }
  return cost;
}
