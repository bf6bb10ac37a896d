import type { Classification, ResponseClassifier } from '../../http/classify.js';
import type { LimiterFeedback } from '../../http/feedback-types.js';
import { mergeFeedback } from '../../http/header-feedback.js';
import type { ShopifyQueryCost } from './cost-planner.js';
import { shopifyCallLimitFeedback } from './header-feedback.js';

/**
 * Shopify Admin GraphQL: `errors[].extensions.code == "THROTTLED"` is throttling even with
 * HTTP 200, and `extensions.cost` feeds the cost bucket (actual cost refund, currently
 * available points, restore rate). A REST `X-Shopify-Shop-Api-Call-Limit` header, when
 * present, is read too; the body's numbers win where both speak.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'shopify', baseUrl, context, classify: shopifyGraphqlClassifier });
 * ```
 *
 * @category Rate limits
 */
export const shopifyGraphqlClassifier: ResponseClassifier = ({ headers, body }) => {
  const fromHeader = shopifyCallLimitFeedback(headers);
  if (!body || typeof body !== 'object')
    return Object.keys(fromHeader).length ? { kind: 'ok', feedback: fromHeader } : undefined;
  const record = body as { errors?: unknown; extensions?: { cost?: Partial<ShopifyQueryCost> } };
  const cost = record.extensions?.cost;
  const fromBody: LimiterFeedback = {};
  if (cost) {
    const status = cost.throttleStatus;
    if (typeof status?.currentlyAvailable === 'number') fromBody.available = status.currentlyAvailable;
    if (typeof status?.maximumAvailable === 'number') fromBody.capacity = status.maximumAvailable;
    if (typeof status?.restoreRate === 'number') fromBody.refillPerSecond = status.restoreRate;
    if (typeof cost.actualQueryCost === 'number') fromBody.actualCost = cost.actualQueryCost;
  }
  const feedback = mergeFeedback(fromHeader, fromBody);
  const throttled =
    Array.isArray(record.errors) &&
    record.errors.some((e) => (e as { extensions?: { code?: string } })?.extensions?.code === 'THROTTLED');
  if (throttled) {
    // Nothing ran, so nothing is spent beyond what the bucket already shows.
    const wait =
      cost?.requestedQueryCost !== undefined && fromBody.available !== undefined && fromBody.refillPerSecond
        ? Math.ceil(((cost.requestedQueryCost - fromBody.available) / fromBody.refillPerSecond) * 1000)
        : undefined;
    const verdict: Classification = {
      kind: 'throttled',
      message: 'THROTTLED',
      feedback: { ...feedback, actualCost: 0 },
    };
    return wait && wait > 0 ? { ...verdict, retryAfterMs: wait } : verdict;
  }
  return Object.keys(feedback).length ? { kind: 'ok', feedback } : undefined;
};
