/**
 * A notification as kept by `/missed_feeds`: the notification plus the delivery attempt.
 *
 * @category Platform types and mapping
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
 * @category Platform types and mapping
 */
export interface MercadoLibreMissedFeeds {
  messages: MercadoLibreMissedFeed[];
  total?: number;
  offset?: number;
  limit?: number;
}
