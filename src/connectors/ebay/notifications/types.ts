/**
 * A destination as eBay returns it.
 *
 * @category Webhooks and notifications
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
 * @category Webhooks and notifications
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
 * @category Webhooks and notifications
 */
export interface EbayTopic {
  topicId: string;
  scope?: 'APPLICATION' | 'USER' | string;
  status?: string;
  description?: string;
  supportedPayloads?: { schemaVersion?: string; format?: string[]; deliveryProtocol?: string }[];
}
