import type { SpApiClient } from '../client.js';
import * as build from '../requests/notifications.js';

/**
 * An SP-API notification destination.
 *
 * @category Webhooks and notifications
 */
export interface AmazonDestination {
  destinationId: string;
  name: string;
  resource: unknown;
}

/**
 * An SP-API notification subscription.
 *
 * @category Webhooks and notifications
 */
export interface AmazonSubscription {
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
}

/**
 * The Notifications API: create SQS or EventBridge destinations (grantless) and subscribe the
 * seller to notification types. Notifications themselves arrive on the queue or bus; parse
 * them with `parseAmazonNotification`.
 *
 * @example
 * ```ts
 * const destination = await amazon.notifications.createDestination('orders', { sqs: { arn } });
 * await amazon.notifications.subscribe('ORDER_CHANGE', destination.destinationId);
 * ```
 *
 * @category Webhooks and notifications
 */
export class AmazonNotificationsApi {
  readonly #client: SpApiClient;

  /** @param client - the SP-API client to send with */
  constructor(client: SpApiClient) {
    this.#client = client;
  }

  /** Creates a destination. */
  async createDestination(
    name: string,
    target: build.DestinationTarget,
    signal?: AbortSignal,
  ): Promise<AmazonDestination> {
    const body = await this.#client.send<{ payload: AmazonDestination }>(
      build.createDestinationRequest({ name, target }),
      signal ? { signal } : {},
    );
    return body.payload;
  }

  /** Lists destinations. */
  async listDestinations(signal?: AbortSignal): Promise<AmazonDestination[]> {
    const body = await this.#client.send<{ payload: AmazonDestination[] }>(
      build.getDestinationsRequest(),
      signal ? { signal } : {},
    );
    return body.payload ?? [];
  }

  /** Deletes a destination. */
  async deleteDestination(destinationId: string, signal?: AbortSignal): Promise<void> {
    await this.#client.send(build.deleteDestinationRequest(destinationId), signal ? { signal } : {});
  }

  /** Subscribes to a notification type; an existing subscription is returned as is. */
  async subscribe(
    notificationType: string,
    destinationId: string,
    payloadVersion = '1.0',
    signal?: AbortSignal,
  ): Promise<AmazonSubscription> {
    const existing = await this.getSubscription(notificationType, signal);
    if (existing) return existing;
    const body = await this.#client.send<{ payload: AmazonSubscription }>(
      build.createSubscriptionRequest({ notificationType, destinationId, payloadVersion }),
      signal ? { signal } : {},
    );
    return body.payload;
  }

  /** The subscription of a notification type, or `undefined`. */
  async getSubscription(notificationType: string, signal?: AbortSignal): Promise<AmazonSubscription | undefined> {
    try {
      const body = await this.#client.send<{ payload?: AmazonSubscription }>(
        build.getSubscriptionRequest({ notificationType }),
        signal ? { signal } : {},
      );
      return body.payload;
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') return undefined;
      throw error;
    }
  }

  /** Deletes a subscription. */
  async unsubscribe(notificationType: string, subscriptionId: string, signal?: AbortSignal): Promise<void> {
    await this.#client.send(
      build.deleteSubscriptionRequest({ notificationType, subscriptionId }),
      signal ? { signal } : {},
    );
  }

  /**
   * Sends a mock notification to a destination (grantless). Amazon serves this operation on the
   * sandbox endpoints only: use a connector configured with `sandbox: true`.
   */
  async sendTestNotification(
    notificationType: string,
    options: { destinationId?: string; payloadVersion?: string; testScenario?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    const { signal, ...rest } = options;
    await this.#client.send(build.sendTestNotificationRequest({ notificationType, ...rest }), signal ? { signal } : {});
  }
}
