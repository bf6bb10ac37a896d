import { err, ok, type Result } from 'neverthrow';
import { WebhookPayloadError } from '../../../core/errors/webhook-payload-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import { failure, type Failure } from '../../../core/result.js';
import type { MaybePromise } from '../../../core/types.js';
import type { WebhookEvent, WebhookHandler, WebhookRoutes } from '../../../webhooks/processor/types.js';

/**
 * The topic of Marketplace Account Deletion notifications: an eBay user asked for their data
 * to be deleted. Every application that stores eBay data must subscribe and delete it.
 *
 * @example
 * ```ts
 * routes.ebay[EBAY_ACCOUNT_DELETION_TOPIC] = handler;
 * ```
 *
 * @category Webhooks and notifications
 */
export const EBAY_ACCOUNT_DELETION_TOPIC = 'MARKETPLACE_ACCOUNT_DELETION';

/**
 * A Marketplace Account Deletion notification: whose data to delete.
 *
 * @category Webhooks and notifications
 */
export interface EbayAccountDeletion {
  notificationId: string;
  /** When the user asked (ISO 8601). */
  eventDate: string;
  publishDate?: string;
  /** How many times eBay has sent this notification. */
  publishAttemptCount?: number;
  /** The user's eBay username (may be replaced by an immutable id; match on `userId`). */
  username: string;
  /** The user's immutable eBay id. */
  userId: string;
  /** The user's EIAS token (identifies them in legacy APIs). */
  eiasToken: string;
}

/**
 * Reads a Marketplace Account Deletion notification body, or says why it is not one.
 *
 * @example
 * ```ts
 * const deletion = parseEbayAccountDeletion(event.payload);
 * if (deletion.isOk()) await users.erase(deletion.value.userId);
 * ```
 *
 * @category Webhooks and notifications
 */
export function parseEbayAccountDeletion(payload: unknown): Result<EbayAccountDeletion, Failure<'invalid_payload'>> {
  const body = payload as {
    metadata?: { topic?: unknown };
    notification?: {
      notificationId?: unknown;
      eventDate?: unknown;
      publishDate?: unknown;
      publishAttemptCount?: unknown;
      data?: Record<string, unknown>;
    };
  } | null;
  if (body?.metadata?.topic !== EBAY_ACCOUNT_DELETION_TOPIC)
    return err(failure('invalid_payload', `Not a ${EBAY_ACCOUNT_DELETION_TOPIC} notification.`));
  const notification = body.notification;
  const data = notification?.data ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const notificationId = text(notification?.notificationId);
  const eventDate = text(notification?.eventDate);
  const userId = text(data.userId);
  const username = text(data.username);
  const eiasToken = text(data.eiasToken);
  const missing = Object.entries({ notificationId, eventDate, userId, username, eiasToken })
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0)
    return err(
      failure('invalid_payload', `The ${EBAY_ACCOUNT_DELETION_TOPIC} notification lacks ${missing.join(', ')}.`, {
        missing,
      }),
    );
  const deletion: EbayAccountDeletion = {
    notificationId: notificationId!,
    eventDate: eventDate!,
    userId: userId!,
    username: username!,
    eiasToken: eiasToken!,
  };
  const publishDate = text(notification?.publishDate);
  if (publishDate) deletion.publishDate = publishDate;
  if (typeof notification?.publishAttemptCount === 'number')
    deletion.publishAttemptCount = notification.publishAttemptCount;
  return ok(deletion);
}

/**
 * Handles one account deletion: delete or anonymise everything you keep about the user. Throw
 * to have it retried (and dead-lettered after the last attempt).
 *
 * @category Webhooks and notifications
 */
export type EbayAccountDeletionHandler = (deletion: EbayAccountDeletion, event: WebhookEvent) => MaybePromise<void>;

/**
 * A webhook handler that checks account deletions and passes them to `handle`. A body that is
 * not one never reaches `handle`: it is dead-lettered at once with reason `invalid_payload`
 * (a `WebhookPayloadError`) for a person to look at, since a retry would read the same body.
 *
 * @example
 * ```ts
 * const handler = ebayAccountDeletionHandler((deletion) => erase(deletion.userId));
 * ```
 *
 * @category Webhooks and notifications
 */
export function ebayAccountDeletionHandler(handle: EbayAccountDeletionHandler): WebhookHandler {
  return async (event) => {
    const deletion = parseEbayAccountDeletion(event.payload);
    if (deletion.isErr()) {
      const missing = (deletion.error.details?.missing as string[] | undefined) ?? [];
      const issues =
        missing.length > 0
          ? missing.map((name) => ({ path: [name], message: `${name} is missing or empty.` }))
          : [{ path: ['metadata', 'topic'], message: deletion.error.message }];
      throw new WebhookPayloadError('ebay', event.topic, issues);
    }
    await handle(deletion.value, event);
  };
}

/**
 * Routes for the webhook processor's `ebay` platform. The account deletion handler is
 * required (eBay requires every application to act on it); other topics map to plain handlers.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [ebay.notifications.verifier()],
 *   routes: ebayNotificationRoutes({ accountDeletion: (d) => erase(d.userId), topics: { ITEM_SOLD: onSold } }),
 *   context,
 * });
 * ```
 *
 * @category Webhooks and notifications
 */
export function ebayNotificationRoutes(handlers: {
  accountDeletion: EbayAccountDeletionHandler;
  topics?: Record<string, WebhookHandler>;
}): WebhookRoutes {
  if (typeof handlers?.accountDeletion !== 'function') {
    throw new ValidationError(
      'eBay notification routes',
      [
        {
          path: ['accountDeletion'],
          message:
            'Give an account deletion handler: eBay requires every application to delete the data of users who ask.',
        },
      ],
      { platform: 'ebay' },
    );
  }
  return {
    ebay: { ...handlers.topics, [EBAY_ACCOUNT_DELETION_TOPIC]: ebayAccountDeletionHandler(handlers.accountDeletion) },
  };
}
