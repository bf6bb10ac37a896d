import type { LimiterFeedback } from '../../http/feedback-types.js';

/**
 * What Shopify's REST `X-Shopify-Shop-Api-Call-Limit: 32/40` header says (calls used / bucket
 * size): the bucket's capacity and what is left of it. A missing or unreadable header, or a
 * capacity of 0, says nothing. (The GraphQL Admin API reports its budget in the body's
 * `extensions.cost` instead; see {@link shopifyGraphqlClassifier}.)
 *
 * @example
 * ```ts
 * shopifyCallLimitFeedback(new Headers({ 'x-shopify-shop-api-call-limit': '32/40' })); // { available: 8, capacity: 40 }
 * ```
 *
 * @category Rate limits
 */
export function shopifyCallLimitFeedback(headers: Headers): LimiterFeedback {
  const header = headers.get('x-shopify-shop-api-call-limit');
  const match = header ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header) : null;
  if (!match) return {};
  const used = Number(match[1]);
  const capacity = Number(match[2]);
  return capacity > 0 ? { capacity, available: Math.max(0, capacity - used) } : {};
}
