import type { ValidationIssue } from '../../core/errors/validation-error.js';
import type { WebhookHandler, WebhookRoutes } from './types.js';

/**
 * Finds the handler for a platform and topic.
 *
 * @example
 * ```ts
 * const handlerFor: RouteLookup = createRouteTable({ shopify: { '*': onAny } });
 * handlerFor('shopify', 'orders/create'); // onAny
 * ```
 */
export type RouteLookup = (platform: string, topic: string) => WebhookHandler | undefined;

/**
 * Reports routes whose handler is not a function, and platform entries that are not objects.
 * Only own enumerable properties count, as in {@link createRouteTable}.
 *
 * @example
 * ```ts
 * routeIssues({ shopify: { 'orders/create': 'nope' } }); // one issue at ['routes', 'shopify', 'orders/create']
 * ```
 */
export function routeIssues(routes: unknown): ValidationIssue[] {
  if (typeof routes !== 'object' || routes === null) return [];
  const issues: ValidationIssue[] = [];
  for (const [platform, byTopic] of Object.entries(routes)) {
    if (typeof byTopic !== 'object' || byTopic === null) {
      issues.push({ path: ['routes', platform], message: 'Expected an object of handlers by topic.' });
      continue;
    }
    for (const [topic, handler] of Object.entries(byTopic)) {
      if (typeof handler !== 'function')
        issues.push({ path: ['routes', platform, topic], message: 'Expected a handler function.' });
    }
  }
  return issues;
}

/**
 * Copies the routes into maps, read once. Topics come from headers an attacker can set (Shopify
 * does not sign `X-Shopify-Topic`), so a topic such as `constructor` or `__proto__` must find
 * nothing that was not configured: lookups never reach `Object.prototype`. An unconfigured topic
 * falls back to the platform's `'*'` handler; an unconfigured platform to the `'*'` platform.
 *
 * @example
 * ```ts
 * const handlerFor = createRouteTable({ shopify: { 'orders/create': onOrder, '*': onOther } });
 * handlerFor('shopify', 'constructor'); // onOther
 * ```
 */
export function createRouteTable(routes: WebhookRoutes): RouteLookup {
  const table = new Map<string, Map<string, WebhookHandler>>();
  for (const [platform, byTopic] of Object.entries(routes)) {
    table.set(platform, new Map(Object.entries(byTopic)));
  }
  return (platform, topic) => {
    const byTopic = table.get(platform) ?? table.get('*');
    return byTopic?.get(topic) ?? byTopic?.get('*');
  };
}
