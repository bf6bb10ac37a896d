import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { WEBHOOK_CREATE_MUTATION, WEBHOOK_DELETE_MUTATION, WEBHOOKS_QUERY } from './documents.js';
import type { ShopifyGraphqlClient } from './graphql-client.js';
import { userErrorToError } from './user-errors.js';
import type { ShopifyConnection, ShopifyUserError } from './types.js';
import { fromGraphqlTopic, toGraphqlTopic } from './webhooks.js';

/**
 * A webhook subscription of the shop.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyWebhookSubscription {
  id: string;
  /** REST-style topic, e.g. `orders/create`. */
  topic: string;
  uri: string;
}

interface Node {
  id: string;
  topic: string;
  uri: string;
}

const toSubscription = (node: Node): ShopifyWebhookSubscription => ({
  id: node.id,
  topic: fromGraphqlTopic(node.topic),
  uri: node.uri,
});

/**
 * Manages the shop's webhook subscriptions with `webhookSubscriptionCreate`, the
 * `webhookSubscriptions` list and `webhookSubscriptionDelete`; `ensure` makes the shop's
 * subscriptions for a URI exactly the given topics.
 *
 * @example
 * ```ts
 * const subscriptions = new ShopifyWebhookSubscriptions(shopify.client);
 * await subscriptions.ensure('https://app.example/webhooks/shopify', ['orders/create', 'app/uninstalled']);
 * ```
 *
 * @category Webhooks and notifications
 */
export class ShopifyWebhookSubscriptions {
  /** @param client - the connector's GraphQL client */
  constructor(private readonly client: ShopifyGraphqlClient) {}

  /** Every subscription of the shop (for this app). */
  async list(signal?: AbortSignal): Promise<ShopifyWebhookSubscription[]> {
    const out: ShopifyWebhookSubscription[] = [];
    const pages = this.client.paginate<{ webhookSubscriptions: ShopifyConnection<Node> }, Node>(
      WEBHOOKS_QUERY,
      { first: 100 },
      (data) => data.webhookSubscriptions,
      {
        operation: 'listWebhookSubscriptions',
        ...(signal ? { signal } : {}),
      },
    );
    for await (const node of pages) out.push(toSubscription(node));
    return out;
  }

  /** Subscribes `uri` (https, `pubsub://` or an EventBridge ARN) to a topic. */
  async subscribe(topic: string, uri: string, signal?: AbortSignal): Promise<ShopifyWebhookSubscription> {
    const { data } = await this.client.request<{
      webhookSubscriptionCreate: { webhookSubscription: Node | null; userErrors: ShopifyUserError[] };
    }>(
      WEBHOOK_CREATE_MUTATION,
      { topic: toGraphqlTopic(topic), webhookSubscription: { uri, format: 'JSON' } },
      { operation: 'subscribeWebhook', ...(signal ? { signal } : {}) },
    );
    const payload = data.webhookSubscriptionCreate;
    if (payload.userErrors[0] || !payload.webhookSubscription)
      throw userErrorToError(
        payload.userErrors[0] ?? { field: null, message: 'No subscription returned.' },
        'subscribeWebhook',
      );
    return toSubscription(payload.webhookSubscription);
  }

  /** Deletes a subscription; resolves false if it did not exist. */
  async unsubscribe(id: string, signal?: AbortSignal): Promise<boolean> {
    const { data } = await this.client.request<{
      webhookSubscriptionDelete: { deletedWebhookSubscriptionId: string | null; userErrors: ShopifyUserError[] };
    }>(
      WEBHOOK_DELETE_MUTATION,
      { id },
      { operation: 'unsubscribeWebhook', idempotent: true, ...(signal ? { signal } : {}) },
    );
    const [userError] = data.webhookSubscriptionDelete.userErrors;
    if (!userError) return true;
    const error = userErrorToError(userError, 'unsubscribeWebhook');
    if (isMarketbridgeError(error, 'not_found')) return false;
    throw error;
  }

  /**
   * Makes the subscriptions to `uri` exactly `topics`: creates the missing ones, deletes the
   * others. Safe to run on every deploy: a second call with the same topics changes nothing.
   * Topics may be spelled REST-style (`orders/create`) or as GraphQL enum values
   * (`ORDERS_CREATE`); both name the same subscription, and the result lists REST-style topics.
   *
   * @example
   * ```ts
   * await subscriptions.ensure(uri, ['ORDERS_CREATE', 'app/uninstalled']);
   * await subscriptions.ensure(uri, ['orders/create', 'APP_UNINSTALLED']); // { created: [], deleted: [], kept: ['orders/create', 'app/uninstalled'] }
   * ```
   */
  async ensure(
    uri: string,
    topics: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ created: string[]; deleted: string[]; kept: string[] }> {
    const existing = (await this.list(signal)).filter((subscription) => subscription.uri === uri);
    // Compared as GraphQL enum values, the form the shop stores: either spelling maps to it.
    const wanted = new Map(
      topics.map((topic) => [toGraphqlTopic(topic), fromGraphqlTopic(toGraphqlTopic(topic))] as const),
    );
    const result = { created: [] as string[], deleted: [] as string[], kept: [] as string[] };
    for (const subscription of existing) {
      const key = toGraphqlTopic(subscription.topic);
      if (wanted.has(key)) {
        result.kept.push(subscription.topic);
        wanted.delete(key);
      } else if (await this.unsubscribe(subscription.id, signal)) result.deleted.push(subscription.topic);
    }
    for (const topic of wanted.values()) {
      await this.subscribe(topic, uri, signal);
      result.created.push(topic);
    }
    return result;
  }
}
