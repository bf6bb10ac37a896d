import type { ResolvedContext } from '../../../core/context.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { WebhookProcessor } from '../../../webhooks/processor/processor.js';
import { webhookKeys } from '../../../webhooks/processor/keys.js';
import type { MercadoLibreMarketplace } from '../mercadolibre-marketplace.js';
import { MERCADOLIBRE_MISSED_FEEDS_PAGE } from '../requests/notifications.js';
import type { MercadoLibreMissedFeed } from '../types/index.js';

/**
 * Options of {@link MercadoLibreNotifications.recoverMissedFeeds}.
 *
 * @example
 * ```ts
 * const options: MissedFeedsOptions = { topics: ['orders_v2', 'items'], maxPages: 10 };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface MissedFeedsOptions {
  /** Topics to recover (default: all in one listing). */
  topics?: readonly string[];
  /** Pages of 50 read per topic at most, to bound one run (default 20). */
  maxPages?: number;
  /** The connector whose token reads `/missed_feeds` (default: the first seller given). */
  via?: MercadoLibreMarketplace;
  /** Cancels the run between pages and notifications. */
  signal?: AbortSignal;
}

/**
 * What one recovery run did.
 *
 * @category Webhooks and notifications
 */
export interface MissedFeedsSummary {
  /** Missed notifications read. */
  read: number;
  /** Distinct resources among them. */
  resources: number;
  /** Resources handed to the processor (processed now, or queued for retry when the handler failed). */
  processed: number;
  /** Resources whose notifications had all been processed already (delivered late, or an earlier run). */
  duplicates: number;
  /** Notifications refused by the verifier (another application, a seller not connected, a malformed entry). */
  rejected: number;
}

interface RecoveryInput extends MissedFeedsOptions {
  applicationId: string;
  context: ResolvedContext;
  processor: WebhookProcessor;
  dedupTtlMs: number;
}

const NOTIFICATION_FIELDS = [
  '_id',
  'resource',
  'user_id',
  'topic',
  'application_id',
  'attempts',
  'sent',
  'received',
] as const;

const sentAt = (feed: MercadoLibreMissedFeed) => Date.parse(feed.sent ?? feed.received ?? '') || 0;

/**
 * Reads `/missed_feeds` page by page and processes each changed resource once: notifications
 * of one resource are grouped (a notification only says the resource changed, so one fetch
 * covers them all), the group is skipped when all its ids were processed before, and
 * otherwise its latest notification goes through the processor (deduplication by `_id`,
 * retries, dead letters) while the others are marked processed with it.
 *
 * @example
 * ```ts
 * const summary = await recoverMissedFeeds({ applicationId, context, processor, dedupTtlMs, via: ml });
 * ```
 */
export async function recoverMissedFeeds(input: RecoveryInput): Promise<MissedFeedsSummary> {
  const via = input.via;
  if (!via)
    throw new ValidationError(
      'missed feeds recovery',
      [{ path: ['via'], message: 'Give the connector whose token reads /missed_feeds.' }],
      { platform: 'mercadolibre' },
    );
  const { store, tenantId } = input.context;
  const keys = webhookKeys(tenantId);
  const maxPages = input.maxPages ?? 20;
  const feeds: MercadoLibreMissedFeed[] = [];
  for (const topic of input.topics?.length ? input.topics : [undefined]) {
    for (let page = 0, offset = 0; page < maxPages; page++) {
      input.signal?.throwIfAborted();
      const answer = await via.client.missedFeeds(
        {
          applicationId: input.applicationId,
          offset,
          limit: MERCADOLIBRE_MISSED_FEEDS_PAGE,
          ...(topic ? { topic } : {}),
        },
        input.signal,
      );
      const messages = Array.isArray(answer.messages) ? answer.messages : [];
      feeds.push(...messages);
      offset += messages.length;
      if (messages.length === 0 || (answer.total !== undefined && offset >= answer.total)) break;
    }
  }
  const groups = new Map<string, MercadoLibreMissedFeed[]>();
  for (const feed of feeds) {
    if (typeof feed?._id !== 'string' || typeof feed.resource !== 'string' || typeof feed.topic !== 'string') continue;
    const key = `${feed.topic}\u0000${feed.resource}`;
    groups.set(key, [...(groups.get(key) ?? []), feed]);
  }
  const summary: MissedFeedsSummary = {
    read: feeds.length,
    resources: groups.size,
    processed: 0,
    duplicates: 0,
    rejected: 0,
  };
  for (const group of groups.values()) {
    input.signal?.throwIfAborted();
    const ordered = [...group].sort((a, b) => sentAt(a) - sentAt(b));
    const latest = ordered[ordered.length - 1]!;
    // A delivery without `_id` was deduplicated by topic, resource and sending time instead.
    const isSeen = async (feed: MercadoLibreMissedFeed) =>
      (await store.get(keys.seen('mercadolibre', feed._id))) !== undefined ||
      (await store.get(keys.seen('mercadolibre', `${feed.topic}:${feed.resource}:${feed.sent ?? ''}`))) !== undefined;
    const seen = await Promise.all(ordered.map(isSeen));
    // The latest notification processed means the resource was fetched after every older change.
    if (seen[seen.length - 1]) {
      summary.duplicates++;
      await markSeen(
        input,
        ordered.filter((_, index) => !seen[index]),
      );
      continue;
    }
    const body = JSON.stringify(
      Object.fromEntries(
        NOTIFICATION_FIELDS.filter((field) => latest[field] !== undefined).map((field) => [field, latest[field]]),
      ),
    );
    const outcome = await input.processor.receive('mercadolibre', {
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (outcome.status === 'rejected') summary.rejected++;
    else if (outcome.status === 'duplicate') summary.duplicates++;
    else summary.processed++;
    if (outcome.status !== 'rejected')
      await markSeen(
        input,
        ordered.slice(0, -1).filter((_, index) => !seen[index]),
      );
  }
  return summary;
}

async function markSeen(input: RecoveryInput, feeds: readonly MercadoLibreMissedFeed[]): Promise<void> {
  const { store, clock, tenantId } = input.context;
  const keys = webhookKeys(tenantId);
  for (const feed of feeds)
    await store.compareAndSet(
      keys.seen('mercadolibre', feed._id),
      undefined,
      { at: clock.now() },
      { ttlMs: input.dedupTtlMs },
    );
}
