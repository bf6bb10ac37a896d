import { err, ok } from 'neverthrow';
import { failure } from '../../../core/result.js';
import type { MaybePromise } from '../../../core/types.js';
import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import { fromUtf8 } from '../../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../../../webhooks/request.js';
import { throwIfIssues } from '../../../webhooks/verify/verifier-options.js';
import type { WebhookVerification, WebhookVerifier } from '../../../webhooks/verify/types.js';

/**
 * The topics MercadoLibre notifies about that the verifier accepts by default.
 *
 * @example
 * ```ts
 * createMercadoLibreVerifier({ applicationId, confirm, topics: [...MERCADOLIBRE_TOPICS, 'vis_leads'] });
 * ```
 *
 * @category Webhooks and notifications
 */
export const MERCADOLIBRE_TOPICS: readonly string[] = [
  'orders_v2',
  'orders_feedback',
  'items',
  'items_prices',
  'questions',
  'messages',
  'payments',
  'shipments',
  'claims',
  'invoices',
  'stock-locations',
  'fbm_stock_operations',
  'post_purchase',
];

/**
 * A MercadoLibre notification as sent (the parts the verifier checks).
 *
 * @category Webhooks and notifications
 */
export interface MercadoLibreNotification {
  /** Notification id, when present. */
  _id?: string;
  /** The changed resource's path, e.g. `/orders/2195160686`. */
  resource: string;
  /** The seller the notification is about. */
  user_id: number | string;
  /** The topic, e.g. `orders_v2`. */
  topic: string;
  /** The application the notification is for. */
  application_id: number | string;
  /** Delivery attempt. */
  attempts?: number;
  /** When it was sent. */
  sent?: string;
}

/**
 * Options of {@link createMercadoLibreVerifier}.
 *
 * @example
 * ```ts
 * const options: MercadoLibreVerifierOptions = {
 *   applicationId: '5503910054141466',
 *   confirm: async (n) => (await api.get(n.resource, { sellerId: n.user_id })).ok,
 * };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface MercadoLibreVerifierOptions {
  /** Your application id; notifications for any other are rejected. */
  applicationId: string | number;
  /**
   * Confirms the notification by fetching the resource from MercadoLibre with the seller's
   * token; resolve `true` when it exists. MercadoLibre does not sign notifications, so this
   * is what makes a forged notification harmless.
   */
  confirm: (notification: MercadoLibreNotification, signal?: AbortSignal) => MaybePromise<boolean>;
  /** Accepted topics (default {@link MERCADOLIBRE_TOPICS}). */
  topics?: readonly string[];
  /** Platform name reported on verified webhooks (default `mercadolibre`). */
  platform?: string;
}

const RESOURCE = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/**
 * Checks MercadoLibre's unsigned notifications: the body must be a notification for a known
 * topic and the configured application, with a plain resource path, and the resource must be
 * confirmed upstream (`confirm`).
 *
 * @example
 * ```ts
 * const verifier = createMercadoLibreVerifier({
 *   applicationId: process.env.ML_APP_ID!,
 *   confirm: async (n) => (await mlFetch(n.resource, n.user_id)).ok,
 * });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createMercadoLibreVerifier(options: MercadoLibreVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  const appId = options?.applicationId === undefined ? '' : String(options.applicationId);
  if (!/^[0-9]+$/.test(appId))
    issues.push({ path: ['applicationId'], message: 'Give your numeric MercadoLibre application id.' });
  if (typeof options?.confirm !== 'function')
    issues.push({ path: ['confirm'], message: 'Give a confirm function that fetches the resource.' });
  if (options?.topics !== undefined && (!Array.isArray(options.topics) || options.topics.length === 0)) {
    issues.push({ path: ['topics'], message: 'Give at least one topic, or omit to accept the defaults.' });
  }
  throwIfIssues('MercadoLibre webhook verifier options', issues);
  const topics = new Set(options.topics ?? MERCADOLIBRE_TOPICS);
  const platform = options.platform ?? 'mercadolibre';
  return {
    platform,
    async verify(request: WebhookRequest): Promise<WebhookVerification> {
      const body = bodyBytes(request);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(fromUtf8(body)) as Record<string, unknown>;
      } catch {
        return err(failure('malformed_body', 'A MercadoLibre notification body must be JSON.'));
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return err(failure('malformed_body', 'A MercadoLibre notification body must be a JSON object.'));
      }
      const { resource, topic, user_id: userId, application_id: applicationId } = parsed;
      if (
        typeof resource !== 'string' ||
        !RESOURCE.test(resource) ||
        (typeof userId !== 'number' && typeof userId !== 'string')
      ) {
        return err(failure('malformed_body', 'The notification needs a plain resource path and a user_id.'));
      }
      if (typeof topic !== 'string' || !topics.has(topic))
        return err(failure('unknown_topic', 'This endpoint does not accept that MercadoLibre topic.'));
      if ((typeof applicationId !== 'number' && typeof applicationId !== 'string') || String(applicationId) !== appId) {
        return err(failure('wrong_application', 'The notification is for another MercadoLibre application.'));
      }
      const notification = parsed as unknown as MercadoLibreNotification;
      let confirmed = false;
      try {
        confirmed = await options.confirm(notification);
      } catch {
        confirmed = false;
      }
      if (!confirmed)
        return err(
          failure('resource_not_confirmed', 'The notified resource could not be confirmed with MercadoLibre.'),
        );
      const eventId = typeof parsed._id === 'string' ? parsed._id : `${topic}:${resource}:${String(parsed.sent ?? '')}`;
      return ok({ platform, body, eventId, topic });
    },
  };
}
