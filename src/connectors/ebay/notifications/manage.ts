import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { Clock } from '../../../core/clock.js';
import { createEbayVerifier, type EbayVerifierOptions } from './verifier.js';
import type { WebhookVerifier } from '../../../webhooks/verify/types.js';
import type { EbayClient } from '../client.js';
import type { EbayTokenKind } from '../operations-table.js';
import {
  createDestinationRequest,
  createSubscriptionRequest,
  deleteDestinationRequest,
  deleteSubscriptionRequest,
  getDestinationsRequest,
  getSubscriptionsRequest,
  getTopicRequest,
  setSubscriptionEnabledRequest,
  testSubscriptionRequest,
  updateDestinationRequest,
  type EbayDestinationInput,
} from '../requests/notification.js';
import type { EbayPage } from '../types.js';
import { EBAY_ACCOUNT_DELETION_TOPIC } from './account-deletion.js';
import { checkEbayEndpointSettings } from './challenge.js';
import { ebayPublicKeyFetcher } from './public-key.js';
import type { EbayDestination, EbaySubscription, EbayTopic } from './types.js';

function idFromLocation(location: string | null, kind: 'destination' | 'subscription'): string | undefined {
  const match = location ? new RegExp(`/${kind}/([^/?#]+)`).exec(location) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * The Notification API: the topics, your destinations (endpoints) and subscriptions, and the
 * verifier of the notifications eBay sends. Destinations take the application token;
 * subscriptions take the token their topic's scope asks for, which is looked up once per topic.
 *
 * @example
 * ```ts
 * const { destination, subscription } = await ebay.notifications.subscribeToAccountDeletion({ endpoint, verificationToken });
 * ```
 *
 * @category Webhooks and notifications
 */
export class EbayNotificationApi {
  readonly #client: EbayClient;
  readonly #clock: Clock;
  readonly #scopes = new Map<string, EbayTokenKind>();

  /**
   * @param client - the connector's client
   * @param clock - for the verifier's key cache
   */
  constructor(client: EbayClient, clock: Clock) {
    this.#client = client;
    this.#clock = clock;
  }

  /** A verifier of eBay's signed notifications, with keys fetched through this connector. */
  verifier(options: Omit<EbayVerifierOptions, 'fetchKey'> = {}): WebhookVerifier {
    return createEbayVerifier({ clock: this.#clock, ...options, fetchKey: ebayPublicKeyFetcher(this.#client) });
  }

  /** One topic. */
  getTopic(topicId: string, signal?: AbortSignal): Promise<EbayTopic> {
    return this.#client.send<EbayTopic>(getTopicRequest(topicId), signal);
  }

  /** Every destination of the application. */
  listDestinations(signal?: AbortSignal): AsyncIterable<EbayDestination> {
    return this.#client.pages<EbayPage & { destinations?: EbayDestination[] }, EbayDestination>(
      getDestinationsRequest({ limit: 100 }),
      (page) => page.destinations,
      signal,
    );
  }

  /** Creates a destination; eBay validates the endpoint with a challenge first. */
  async createDestination(
    input: { name: string; endpoint: string; verificationToken: string; enabled?: boolean },
    signal?: AbortSignal,
  ): Promise<EbayDestination> {
    checkEbayEndpointSettings(input);
    const body: EbayDestinationInput = {
      name: input.name,
      status: input.enabled === false ? 'DISABLED' : 'ENABLED',
      deliveryConfig: { endpoint: input.endpoint, verificationToken: input.verificationToken },
    };
    const response = await this.#client.request(createDestinationRequest(body), signal);
    const destinationId = idFromLocation(response.headers.get('location'), 'destination');
    if (!destinationId)
      throw new MarketplaceApiError('eBay created the destination without a Location header naming it.', {
        platform: 'ebay',
        operation: 'createDestination',
      });
    return { destinationId, name: body.name, status: body.status, deliveryConfig: { endpoint: input.endpoint } };
  }

  /** Replaces a destination's name, status, endpoint and token. */
  async updateDestination(
    destinationId: string,
    input: { name: string; endpoint: string; verificationToken: string; enabled?: boolean },
    signal?: AbortSignal,
  ): Promise<void> {
    checkEbayEndpointSettings(input);
    await this.#client.send(
      updateDestinationRequest(destinationId, {
        name: input.name,
        status: input.enabled === false ? 'DISABLED' : 'ENABLED',
        deliveryConfig: { endpoint: input.endpoint, verificationToken: input.verificationToken },
      }),
      signal,
    );
  }

  /** Deletes a destination (eBay refuses while subscriptions use it). */
  async deleteDestination(destinationId: string, signal?: AbortSignal): Promise<void> {
    await this.#client.send(deleteDestinationRequest(destinationId), signal);
  }

  /** The destination for `endpoint`, created when there is none. */
  async ensureDestination(
    input: { name: string; endpoint: string; verificationToken: string },
    signal?: AbortSignal,
  ): Promise<EbayDestination> {
    for await (const destination of this.listDestinations(signal))
      if (destination.deliveryConfig?.endpoint === input.endpoint) return destination;
    return this.createDestination(input, signal);
  }

  /** Every subscription the token of `scope` sees (the application's, or the seller's). */
  listSubscriptions(scope: EbayTokenKind = 'user', signal?: AbortSignal): AsyncIterable<EbaySubscription> {
    return this.#client.pages<EbayPage & { subscriptions?: EbaySubscription[] }, EbaySubscription>(
      getSubscriptionsRequest({ limit: 100 }, scope),
      (page) => page.subscriptions,
      signal,
    );
  }

  /** Subscribes a destination to a topic, with the token the topic's scope needs. */
  async createSubscription(
    input: { topicId: string; destinationId: string; schemaVersion?: string; enabled?: boolean },
    signal?: AbortSignal,
  ): Promise<EbaySubscription> {
    const scope = await this.#scopeOf(input.topicId, signal);
    const body = {
      topicId: input.topicId,
      destinationId: input.destinationId,
      status: input.enabled === false ? ('DISABLED' as const) : ('ENABLED' as const),
      payload: {
        format: 'JSON' as const,
        schemaVersion: input.schemaVersion ?? '1.0',
        deliveryProtocol: 'HTTPS' as const,
      },
    };
    const response = await this.#client.request(createSubscriptionRequest(body, scope), signal);
    const subscriptionId = idFromLocation(response.headers.get('location'), 'subscription');
    if (!subscriptionId)
      throw new MarketplaceApiError('eBay created the subscription without a Location header naming it.', {
        platform: 'ebay',
        operation: 'createSubscription',
      });
    return {
      subscriptionId,
      topicId: body.topicId,
      destinationId: body.destinationId,
      status: body.status,
      payload: body.payload,
    };
  }

  /** Enables or disables a subscription. */
  async setSubscriptionEnabled(
    subscription: Pick<EbaySubscription, 'subscriptionId' | 'topicId'>,
    enabled: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    const scope = subscription.topicId ? await this.#scopeOf(subscription.topicId, signal) : 'user';
    await this.#client.send(setSubscriptionEnabledRequest(subscription.subscriptionId, enabled, scope), signal);
  }

  /** Deletes a subscription. */
  async deleteSubscription(
    subscription: Pick<EbaySubscription, 'subscriptionId' | 'topicId'>,
    signal?: AbortSignal,
  ): Promise<void> {
    const scope = subscription.topicId ? await this.#scopeOf(subscription.topicId, signal) : 'user';
    await this.#client.send(deleteSubscriptionRequest(subscription.subscriptionId, scope), signal);
  }

  /** Asks eBay to send a test notification for a subscription to its destination. */
  async testSubscription(
    subscription: Pick<EbaySubscription, 'subscriptionId' | 'topicId'>,
    signal?: AbortSignal,
  ): Promise<void> {
    const scope = subscription.topicId ? await this.#scopeOf(subscription.topicId, signal) : 'user';
    await this.#client.send(testSubscriptionRequest(subscription.subscriptionId, scope), signal);
  }

  /** The subscription of `destinationId` to `topicId`, created (or enabled) when needed. */
  async ensureSubscription(
    input: { topicId: string; destinationId: string; schemaVersion?: string },
    signal?: AbortSignal,
  ): Promise<EbaySubscription> {
    const scope = await this.#scopeOf(input.topicId, signal);
    for await (const subscription of this.listSubscriptions(scope, signal)) {
      if (subscription.topicId !== input.topicId || subscription.destinationId !== input.destinationId) continue;
      if (subscription.status !== 'ENABLED') await this.setSubscriptionEnabled(subscription, true, signal);
      return { ...subscription, status: 'ENABLED' };
    }
    return this.createSubscription(input, signal);
  }

  /**
   * Makes sure Marketplace Account Deletion notifications reach `endpoint`: a destination for it
   * and an enabled subscription to the topic (both created only when missing).
   */
  async subscribeToAccountDeletion(
    input: { endpoint: string; verificationToken: string; name?: string },
    signal?: AbortSignal,
  ): Promise<{ destination: EbayDestination; subscription: EbaySubscription }> {
    const destination = await this.ensureDestination(
      {
        name: input.name ?? 'marketplace-account-deletion',
        endpoint: input.endpoint,
        verificationToken: input.verificationToken,
      },
      signal,
    );
    const subscription = await this.ensureSubscription(
      { topicId: EBAY_ACCOUNT_DELETION_TOPIC, destinationId: destination.destinationId },
      signal,
    );
    return { destination, subscription };
  }

  async #scopeOf(topicId: string, signal?: AbortSignal): Promise<EbayTokenKind> {
    let scope = this.#scopes.get(topicId);
    if (!scope) {
      scope = (await this.getTopic(topicId, signal)).scope === 'APPLICATION' ? 'application' : 'user';
      this.#scopes.set(topicId, scope);
    }
    return scope;
  }
}
