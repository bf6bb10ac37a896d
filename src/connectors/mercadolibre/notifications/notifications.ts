import { createContext, type Context } from '../../../core/context.js';
import { issuesFromZod, ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { WebhookPayloadError } from '../../../core/errors/webhook-payload-error.js';
import { notificationSchema } from './notification-schema.js';
import type { MaybePromise } from '../../../core/types.js';
import { createWebhookProcessor, type WebhookProcessor } from '../../../webhooks/processor/processor.js';
import type {
  RetryRunSummary,
  WebhookEvent,
  WebhookOutcome,
  WebhookRetryOptions,
} from '../../../webhooks/processor/types.js';
import type { WebhookRequest } from '../../../webhooks/request.js';
import { createMercadoLibreVerifier, MERCADOLIBRE_TOPICS, type MercadoLibreNotification } from './verifier.js';
import type { WebhookVerifier } from '../../../webhooks/verify/types.js';
import type { MercadoLibreMarketplace } from '../mercadolibre-marketplace.js';
import { recoverMissedFeeds, type MissedFeedsOptions, type MissedFeedsSummary } from './missed-feeds.js';
import { fetchNotifiedResource, type NotifiedResource } from './resource.js';

/**
 * A processed notification: the notification, the seller's connector, and the resource it
 * pointed at, fetched when it was processed (a notification only says that something
 * changed).
 *
 * @category Webhooks and notifications
 */
export interface MercadoLibreResourceEvent extends NotifiedResource {
  /** The topic (`orders_v2`, `items`, `shipments`, `questions`, ...). */
  topic: string;
  /** The resource path, e.g. `/orders/2195160686`. */
  resource: string;
  /** The seller (`user_id`). */
  sellerId: string;
  /** The notification as MercadoLibre sent it. */
  notification: MercadoLibreNotification;
  /** The connector of that seller. */
  marketplace: MercadoLibreMarketplace;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
}

/**
 * Handles one processed notification. Throw to have it retried with backoff (and, after the
 * last attempt, parked in the dead-letter queue).
 *
 * @category Webhooks and notifications
 */
export type MercadoLibreNotificationHandler = (event: MercadoLibreResourceEvent) => MaybePromise<void>;

/**
 * Options of {@link createMercadoLibreNotifications}.
 *
 * @example
 * ```ts
 * const options: MercadoLibreNotificationsOptions = { applicationId: '5503910054141466', sellers: [ml], handlers: { orders_v2: onOrder }, context };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface MercadoLibreNotificationsOptions {
  /** Your application id; notifications for another are refused. */
  applicationId: string | number;
  /** The connected sellers: connectors, or a lookup by seller id (`undefined`: not ours, refused). */
  sellers:
    | readonly MercadoLibreMarketplace[]
    | ((sellerId: string) => MaybePromise<MercadoLibreMarketplace | undefined>);
  /** Handlers by topic; `'*'` takes every other topic. */
  handlers: Partial<Record<string, MercadoLibreNotificationHandler>>;
  /** Store (deduplication, retries, dead letters), clock, events, logger, scheduler and tenant. */
  context?: Context;
  /** Accepted topics (default `MERCADOLIBRE_TOPICS`). */
  topics?: readonly string[];
  /** Retry policy of failing handlers. */
  retry?: WebhookRetryOptions;
  /** How long a notification id is remembered (default 7 days; MercadoLibre keeps missed feeds two days). */
  dedupTtlMs?: number;
  /**
   * Runs the processing after the answer is sent (a Worker's `ctx.waitUntil`, Vercel's
   * `waitUntil`). Default: in the background of this process. Either way the notification is
   * recorded first, so a process that dies mid-way leaves it to `runDueRetries`.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

/**
 * MercadoLibre notifications: receive, acknowledge, process and recover.
 *
 * @example
 * ```ts
 * const notifications = createMercadoLibreNotifications({ applicationId, sellers: [ml], handlers: { orders_v2: onOrder } });
 * export async function POST(request: Request) {
 *   return toResponse(await notifications.receive(await readWebhookRequest(request)));
 * }
 * ```
 *
 * @category Webhooks and notifications
 */
export interface MercadoLibreNotifications {
  /** Checks the notification's shape, application, topic and seller without any network call. */
  readonly verifier: WebhookVerifier;
  /** The processor (deduplication, retries, dead letters) behind `receive` and recovery. */
  readonly processor: WebhookProcessor;
  /**
   * Verifies and records a delivery, then answers at once (`queued`, or `duplicate`, or
   * `rejected`): the resource is fetched and handled afterwards, so MercadoLibre gets its
   * HTTP 200 well within its 500 ms.
   */
  receive(request: WebhookRequest): Promise<WebhookOutcome>;
  /** Processes notifications MercadoLibre could not deliver; call it from your scheduler. */
  recoverMissedFeeds(options?: MissedFeedsOptions): Promise<MissedFeedsSummary>;
  /** Runs failed or interrupted processing that is due; call it from your scheduler. */
  runDueRetries(): Promise<RetryRunSummary>;
}

function validate(options: MercadoLibreNotificationsOptions): void {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(options?.sellers) && typeof options?.sellers !== 'function')
    issues.push({ path: ['sellers'], message: 'Give the connected sellers (connectors) or a lookup by seller id.' });
  if (Array.isArray(options?.sellers) && options.sellers.length === 0)
    issues.push({ path: ['sellers'], message: 'Give at least one connected seller.' });
  if (!options?.handlers || typeof options.handlers !== 'object' || Object.keys(options.handlers).length === 0)
    issues.push({ path: ['handlers'], message: "Give a handler per topic (or '*')." });
  if (issues.length > 0)
    throw new ValidationError('MercadoLibre notifications options', issues, { platform: 'mercadolibre' });
}

/**
 * Wires MercadoLibre notifications into the webhook processor. A delivery is verified (JSON
 * shape, your application id, an accepted topic, a seller you connected: no network call),
 * deduplicated by its `_id`, recorded, and acknowledged at once; the resource it points at
 * is then fetched with that seller's connector and handed to your handler, with the
 * processor's retries and dead-letter queue behind it. Notifications MercadoLibre could not
 * deliver are recovered from `/missed_feeds` by {@link MercadoLibreNotifications.recoverMissedFeeds}
 * on your schedule, through the same deduplication, so each is processed once whichever way it
 * arrives.
 *
 * @example
 * ```ts
 * const notifications = createMercadoLibreNotifications({
 *   applicationId: process.env.ML_CLIENT_ID!,
 *   sellers: [ml],
 *   handlers: { orders_v2: async ({ order }) => order && (await orders.upsert(order)) },
 *   context: { store: redisStore },
 * });
 * scheduler.every('5m', () => notifications.recoverMissedFeeds());
 * ```
 *
 * @category Webhooks and notifications
 */
export function createMercadoLibreNotifications(options: MercadoLibreNotificationsOptions): MercadoLibreNotifications {
  validate(options);
  const context = createContext(options.context);
  const applicationId = String(options.applicationId);
  const lookup = async (sellerId: string): Promise<MercadoLibreMarketplace | undefined> => {
    if (typeof options.sellers === 'function') return options.sellers(sellerId);
    return options.sellers.find((seller) => seller.config.sellerId === sellerId);
  };
  const verifier = createMercadoLibreVerifier({
    applicationId,
    ...(options.topics ? { topics: options.topics } : { topics: MERCADOLIBRE_TOPICS }),
    // Local only: the resource is fetched after the acknowledgement, with the seller's token.
    confirm: async (notification) => (await lookup(String(notification.user_id))) !== undefined,
  });
  const handle = async (event: WebhookEvent) => {
    // Checked again here: a retry or a replay reads the payload back from the store.
    const checked = notificationSchema().safeParse(event.payload);
    if (!checked.success) throw new WebhookPayloadError('mercadolibre', event.topic, issuesFromZod(checked.error));
    const notification: MercadoLibreNotification = checked.data;
    const sellerId = String(notification.user_id);
    const marketplace = await lookup(sellerId);
    if (!marketplace) throw new Error(`Seller ${sellerId} is no longer connected.`);
    const handler = options.handlers[notification.topic] ?? options.handlers['*'];
    if (!handler) return;
    const fetched = await fetchNotifiedResource(marketplace, notification);
    await handler({
      ...fetched,
      topic: notification.topic,
      resource: notification.resource,
      sellerId,
      notification,
      marketplace,
      attempt: event.attempt,
    });
  };
  const common = {
    verifiers: [verifier],
    routes: { [verifier.platform]: { '*': handle } },
    context,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.dedupTtlMs !== undefined ? { dedupTtlMs: options.dedupTtlMs } : {}),
  };
  const background = (work: Promise<unknown>) => void work.catch(() => {});
  const live = createWebhookProcessor({ ...common, waitUntil: options.waitUntil ?? background });
  // Recovery runs on the host's schedule, so it processes inline and reports what happened.
  const inline = createWebhookProcessor(common);
  const dedupTtlMs = options.dedupTtlMs ?? 7 * 24 * 60 * 60_000;
  return {
    verifier,
    processor: live,
    receive: (request) => live.receive(verifier.platform, request),
    recoverMissedFeeds: (recovery = {}) =>
      recoverMissedFeeds({
        applicationId,
        context,
        dedupTtlMs,
        processor: inline,
        ...recovery,
        via: recovery.via ?? (Array.isArray(options.sellers) ? options.sellers[0] : undefined),
      }),
    runDueRetries: () => inline.runDueRetries(),
  };
}
