import { ValidationError } from '../../../core/errors/validation-error.js';
import { checkId } from './ids.js';
import type { MercadoLibreRequest } from './types.js';

/**
 * The page size the connector reads `/missed_feeds` with.
 *
 * @example
 * ```ts
 * missedFeedsRequest({ applicationId, offset: 0, limit: MERCADOLIBRE_MISSED_FEEDS_PAGE });
 * ```
 */
export const MERCADOLIBRE_MISSED_FEEDS_PAGE = 50;

/**
 * `GET /missed_feeds?app_id=...`: notifications MercadoLibre could not deliver (kept about two
 * days), optionally of one topic, `offset`/`limit` paging.
 *
 * @example
 * ```ts
 * missedFeedsRequest({ applicationId: '5503910054141466', topic: 'orders_v2', offset: 0 });
 * ```
 */
export function missedFeedsRequest(input: {
  applicationId: string;
  topic?: string;
  offset?: number;
  limit?: number;
}): MercadoLibreRequest {
  const query: Record<string, string | number> = {
    app_id: checkId('numeric', input.applicationId, 'applicationId'),
    offset: Math.max(0, Math.floor(input.offset ?? 0)),
    limit: Math.min(
      Math.max(1, Math.floor(input.limit ?? MERCADOLIBRE_MISSED_FEEDS_PAGE)),
      MERCADOLIBRE_MISSED_FEEDS_PAGE,
    ),
  };
  if (input.topic) query.topic = input.topic;
  return { operation: 'missedFeeds', method: 'GET', path: '/missed_feeds', query };
}

const RESOURCE = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/**
 * `GET {resource}`: the resource a notification points at (`/orders/2195160686`,
 * `/items/MLA1`, `/questions/5036111111`). Only plain paths are accepted.
 *
 * @example
 * ```ts
 * resourceRequest('/questions/5036111111');
 * ```
 */
export function resourceRequest(resource: string): MercadoLibreRequest {
  if (typeof resource !== 'string' || !RESOURCE.test(resource) || resource.length > 200) {
    throw new ValidationError(
      'MercadoLibre notification resource',
      [{ path: ['resource'], message: `Expected a plain path such as /orders/123, got ${JSON.stringify(resource)}.` }],
      { platform: 'mercadolibre' },
    );
  }
  return { operation: 'getResource', method: 'GET', path: resource };
}

/**
 * `GET /users/{id}`: the seller's account, with the tags that say which stock model it uses.
 *
 * @example
 * ```ts
 * getUserRequest('468424240');
 * ```
 */
export function getUserRequest(userId: string): MercadoLibreRequest {
  return { operation: 'getUser', method: 'GET', path: `/users/${checkId('numeric', userId, 'userId')}` };
}
