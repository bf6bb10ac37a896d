/**
 * A destination as eBay returns it.
 *
 * @example
 * ```ts
 * const destination: EbayDestination = { destinationId: 'd-1', name: 'main', status: 'ENABLED', deliveryConfig: { endpoint: 'https://app.example.com/ebay/notifications' } };
 * ```
 */
export interface EbayDestination {
  destinationId: string;
  name?: string;
  status?: string;
  deliveryConfig?: { endpoint?: string; verificationToken?: string };
}

/**
 * A subscription as eBay returns it.
 *
 * @example
 * ```ts
 * const subscription: EbaySubscription = { subscriptionId: 's-1', topicId: 'MARKETPLACE_ACCOUNT_DELETION', destinationId: 'd-1', status: 'ENABLED' };
 * ```
 */
export interface EbaySubscription {
  subscriptionId: string;
  topicId?: string;
  destinationId?: string;
  status?: string;
  creationDate?: string;
  payload?: { format?: string; schemaVersion?: string; deliveryProtocol?: string };
}

/**
 * A notification topic: whether it is about the application (`APPLICATION`, subscribed with the
 * application token) or a seller (`USER`, subscribed with the seller's token).
 *
 * @example
 * ```ts
 * const topic: EbayTopic = { topicId: 'MARKETPLACE_ACCOUNT_DELETION', scope: 'APPLICATION', status: 'ENABLED' };
 * ```
 */
export interface EbayTopic {
  topicId: string;
  scope?: 'APPLICATION' | 'USER' | string;
  status?: string;
  description?: string;
  supportedPayloads?: { schemaVersion?: string; format?: string[]; deliveryProtocol?: string }[];
}
