import type { ItemOutcome } from '../../core/batch.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import type { Money } from '../../model/money.js';
import { submissionError } from './listing-puts.js';
import type { SpApiClient } from './client.js';
import { buildListingsFeeds, LISTINGS_FEED_MAX_MESSAGES } from './feeds/listings-feed.js';
import type { FeedIssue, FeedMessageOutcome, ListingsFeedReport } from './feeds/processing-report.js';
import { runFeedJob, startFeedJob, type FeedJobState } from './jobs/feed-job.js';
import { pricePatch, quantityPatch, type ListingPatch } from './requests/listings.js';

/**
 * One price and/or quantity change of a listing.
 *
 * @category Operations
 */
export interface ListingUpdate {
  sku: string;
  price?: Money;
  quantity?: number;
  /** The merchant fulfillment channel the quantity is for (default `DEFAULT`). */
  fulfillmentChannelCode?: string;
  /** The SKU's Amazon product type; the connector's default when omitted. */
  productType?: string;
}

/**
 * How to send listing updates: one `patchListingsItem` per SKU, `JSON_LISTINGS_FEED`
 * documents, or by size (`auto`).
 *
 * @example
 * ```ts
 * const options: ListingUpdateOptions = { via: 'feed', dryRun: false };
 * ```
 *
 * @category Operations
 */
export interface ListingUpdateOptions {
  via?: 'patch' | 'feed' | 'auto';
  /** Validate with `VALIDATION_PREVIEW` without saving (patch only). */
  dryRun?: boolean;
  /** Patches in flight at once (default: the operation's burst). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called with each feed's state after every step, to persist it. */
  onFeedStep?: (state: FeedJobState) => unknown;
}

/** The patches of one update, in the order Amazon applies them. */
export function patchesOf(update: ListingUpdate, marketplaceId: string): ListingPatch[] {
  const patches: ListingPatch[] = [];
  if (update.price) patches.push(pricePatch(update.price, marketplaceId));
  if (update.quantity !== undefined) patches.push(quantityPatch(update.quantity, update.fulfillmentChannelCode));
  return patches;
}

interface Submission {
  status?: string;
  issues?: { code?: string; message: string; severity: string }[];
}

/** Sends updates one `patchListingsItem` each, with a pool of workers. */
export async function patchEach(
  client: SpApiClient,
  updates: readonly ListingUpdate[],
  options: ListingUpdateOptions & { productType: string; onDone?: () => void },
): Promise<ItemOutcome<ListingUpdate, ListingUpdate>[]> {
  const outcomes: ItemOutcome<ListingUpdate, ListingUpdate>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < updates.length) {
      const index = next++;
      const input = updates[index]!;
      try {
        const result = await client.patchListingsItem<Submission>(
          {
            sku: input.sku,
            productType: input.productType ?? options.productType,
            patches: patchesOf(input, client.marketplaceId),
            ...(options.dryRun ? { mode: 'VALIDATION_PREVIEW' as const } : {}),
          },
          options.signal,
        );
        const error = submissionError(input.sku, 'patchListingsItem', result);
        outcomes.push(error ? { index, input, ok: false, error } : { index, input, ok: true, value: input });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        outcomes.push({
          index,
          input,
          ok: false,
          error: isMarketbridgeError(error)
            ? error
            : new MarketplaceApiError(String((error as Error)?.message ?? error), {
                platform: 'amazon',
                operation: 'patchListingsItem',
                cause: error,
              }),
        });
      }
      options.onDone?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 5, updates.length)) }, worker));
  return outcomes;
}

/** Sends updates as JSON_LISTINGS_FEED documents of at most 25,000 messages and maps the reports back. */
export async function feedEach(
  client: SpApiClient,
  updates: readonly ListingUpdate[],
  options: ListingUpdateOptions & {
    productType: string;
    clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
    pollIntervalMs: number;
  },
): Promise<ItemOutcome<ListingUpdate, ListingUpdate>[]> {
  const outcomes: ItemOutcome<ListingUpdate, ListingUpdate>[] = [];
  const documents = buildListingsFeeds({
    sellerId: client.sellerId,
    changes: updates.map((update) => ({
      sku: update.sku,
      productType: update.productType ?? options.productType,
      patches: patchesOf(update, client.marketplaceId),
    })),
  });
  for (const [documentIndex, document] of documents.entries()) {
    const offset = documentIndex * LISTINGS_FEED_MAX_MESSAGES;
    const final = await runFeedJob(client, startFeedJob(document), {
      clock: options.clock,
      pollIntervalMs: options.pollIntervalMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onFeedStep ? { onStep: options.onFeedStep } : {}),
    });
    for (const outcome of final.report!.outcomes) {
      const index = offset + outcome.messageId - 1;
      const input = updates[index]!;
      if (outcome.accepted) outcomes.push({ index, input, ok: true, value: input });
      else
        outcomes.push({
          index,
          input,
          ok: false,
          error: feedMessageError(input.sku, final.feedId, outcome, final.report!),
        });
    }
  }
  return outcomes;
}

const describeIssues = (issues: readonly FeedIssue[]) =>
  issues.map((issue) => `${issue.code ? `${issue.code} ` : ''}${issue.message}`).join('; ');

/**
 * The error of a feed message the report does not confirm: its own `ERROR` issues, or why the
 * report cannot vouch for it (retryable: the change is an absolute value, sending it again is safe).
 */
function feedMessageError(
  sku: string,
  feedId: string | undefined,
  outcome: FeedMessageOutcome,
  report: ListingsFeedReport,
): MarketplaceApiError {
  if (outcome.status === 'invalid') {
    return new MarketplaceApiError(
      `Amazon rejected ${sku} in feed ${feedId}: ${describeIssues(outcome.issues.filter((issue) => issue.severity === 'ERROR'))}`,
      { platform: 'amazon', operation: 'createFeed', status: 400, body: outcome },
    );
  }
  const errors = report.feedIssues.filter((issue) => issue.severity === 'ERROR');
  const why =
    errors.length > 0
      ? `the feed has errors: ${describeIssues(errors)}`
      : `the report counts ${report.summary.messagesProcessed} message(s) processed and ${report.summary.messagesAccepted} accepted, which does not cover this one`;
  return new MarketplaceApiError(
    `Amazon did not confirm ${sku} in feed ${feedId}: ${why}. Treat it as not applied and send it again.`,
    {
      platform: 'amazon',
      operation: 'createFeed',
      retryable: true,
      body: { outcome, feedIssues: report.feedIssues, summary: report.summary },
    },
  );
}
