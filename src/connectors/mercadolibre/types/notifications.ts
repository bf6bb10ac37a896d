/**
 * A notification as kept by `/missed_feeds`: the notification plus the delivery attempt.
 *
 * @example
 * ```ts
 * const missed: MercadoLibreMissedFeed = { _id: 'a1', resource: '/orders/1', user_id: 1, topic: 'orders_v2', application_id: 2, attempts: 8, sent: '2026-01-01T00:00:00.000Z' };
 * ```
 */
export interface MercadoLibreMissedFeed {
  _id: string;
  resource: string;
  user_id: number | string;
  topic: string;
  application_id: number | string;
  attempts?: number;
  sent?: string;
  received?: string;
  request?: unknown;
  response?: unknown;
}

/**
 * One page of `/missed_feeds`.
 *
 * @example
 * ```ts
 * const page: MercadoLibreMissedFeeds = { messages: [], total: 0 };
 * ```
 */
export interface MercadoLibreMissedFeeds {
  messages: MercadoLibreMissedFeed[];
  total?: number;
  offset?: number;
  limit?: number;
}
