import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import {
  createSubscriptionRequest,
  deleteSubscriptionRequest,
  getSubscriptionRequest,
  listSubscriptionsRequest,
  signatureKeysRequest,
  testSubscriptionRequest,
  updateSubscriptionRequest,
  type BolSubscriptionRequest,
} from '../requests/subscriptions.js';
import type { BolRequest } from '../requests/types.js';
import type { BolRuntime } from '../runtime.js';
import type { BolSignatureKey, BolSubscription } from '../types.js';
import { executeWrites } from '../writes/execute.js';
import type { SettledProcessStatus } from '../process-status/outcome.js';

/**
 * bol.com push subscriptions: where bol.com pushes events (`WEBHOOK` URLs, Google Pub/Sub
 * topics, AWS SQS queues) and for which resources. Writes are asynchronous on bol.com's side;
 * every method here waits for the process status and resolves once the change is done (or
 * rejects with bol.com's reason). Over webhooks bol.com pushes `PROCESS_STATUS` and `SHIPMENT`
 * events; offer and price events come over Pub/Sub and SQS only.
 *
 * @example
 * ```ts
 * const subscription = await bol.notifications.create({ resources: ['PROCESS_STATUS', 'SHIPMENT'], url: 'https://app.example.com/webhooks/bol', subscriptionType: 'WEBHOOK' });
 * await bol.notifications.test(subscription.id);
 * ```
 *
 * @category Webhooks and notifications
 */
export class BolNotifications {
  readonly #runtime: BolRuntime;

  /**
   * Built by `BolMarketplace` (use `bol.notifications`).
   *
   * @param runtime - the connector's shared state
   * @internal
   */
  constructor(runtime: BolRuntime) {
    this.#runtime = runtime;
  }

  async #write(request: BolRequest, signal?: AbortSignal): Promise<SettledProcessStatus> {
    const [outcome] = await executeWrites(this.#runtime, [{ index: 0, request }], signal ? { signal } : {});
    if (!outcome)
      throw new MarketplaceApiError(`bol.com ${request.operation} answered nothing.`, {
        platform: 'bol',
        operation: request.operation,
      });
    if (!outcome.ok) throw outcome.error;
    return outcome.settled;
  }

  /** Every subscription of the account. */
  async list(signal?: AbortSignal): Promise<BolSubscription[]> {
    return (
      (await this.#runtime.client.send<{ subscriptions?: BolSubscription[] }>(listSubscriptionsRequest(), signal)).data
        ?.subscriptions ?? []
    );
  }

  /** One subscription; rejects with `NotFoundError` if it does not exist. */
  async get(id: string, signal?: AbortSignal): Promise<BolSubscription> {
    return (await this.#runtime.client.send<BolSubscription>(getSubscriptionRequest(id), signal)).data;
  }

  /** Creates a subscription and resolves it once bol.com has made it. Webhook URLs must be https. */
  async create(subscription: BolSubscriptionRequest, signal?: AbortSignal): Promise<BolSubscription> {
    const settled = await this.#write(createSubscriptionRequest(subscription), signal);
    if (!settled.entityId)
      throw new MarketplaceApiError(
        'bol.com created the subscription but named no id; list the subscriptions to find it.',
        { platform: 'bol', operation: 'createSubscription', body: settled },
      );
    return this.get(settled.entityId, signal);
  }

  /** Replaces a subscription's resources, destination or `enabled` (a disabled one is enabled again this way). */
  async update(id: string, subscription: BolSubscriptionRequest, signal?: AbortSignal): Promise<BolSubscription> {
    await this.#write(updateSubscriptionRequest(id, subscription), signal);
    return this.get(id, signal);
  }

  /** Deletes a subscription. */
  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.#write(deleteSubscriptionRequest(id), signal);
  }

  /** Asks bol.com to push a `TEST` event to the subscription. */
  async test(id: string, signal?: AbortSignal): Promise<void> {
    await this.#write(testSubscriptionRequest(id), signal);
  }

  /** The public keys that sign pushed events (for `createBolVerifier`). */
  async signatureKeys(signal?: AbortSignal): Promise<BolSignatureKey[]> {
    return (
      (await this.#runtime.client.send<{ signatureKeys?: BolSignatureKey[] }>(signatureKeysRequest(), signal)).data
        ?.signatureKeys ?? []
    );
  }
}
