import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { SpApiClient } from '../client.js';
import { readText } from '../../../http/jobs/parse.js';
import type { ListingsFeedDocument } from '../feeds/listings-feed.js';
import { parseListingsFeedReport, type ListingsFeedReport } from '../feeds/processing-report.js';

/**
 * The serialisable state of one `JSON_LISTINGS_FEED` submission. Save it (JSON) after every
 * step; any process can continue it with {@link advanceFeedJob}.
 *
 * @example
 * ```ts
 * const state: FeedJobState = startFeedJob(document);
 * await store.set(`feed:${id}`, state);
 * ```
 *
 * @category Operations
 */
export interface FeedJobState {
  kind: 'amazon.listings-feed';
  step: 'create-document' | 'upload' | 'create-feed' | 'poll' | 'report' | 'done' | 'failed';
  /** The document to upload (kept until the upload is done). */
  body?: string;
  /** `{ messageId, sku }` of every message, to map the report back to SKUs. */
  messages: { messageId: number; sku: string }[];
  feedDocumentId?: string;
  uploadUrl?: string;
  feedId?: string;
  processingStatus?: string;
  resultFeedDocumentId?: string;
  /** When to poll next (epoch ms). */
  nextPollAt?: number;
  report?: ListingsFeedReport;
  error?: string;
}

/**
 * Starts the state of a feed submission for one listings feed document.
 *
 * @example
 * ```ts
 * const state = startFeedJob(buildListingsFeeds({ sellerId, changes })[0]!);
 * ```
 *
 * @category Operations
 */
export function startFeedJob(document: ListingsFeedDocument): FeedJobState {
  return {
    kind: 'amazon.listings-feed',
    step: 'create-document',
    body: JSON.stringify(document),
    messages: document.messages.map((message) => ({ messageId: message.messageId, sku: message.sku })),
  };
}

/**
 * Does one bounded step of a feed submission and returns the new state: create the feed
 * document → upload → create the feed → poll until `DONE` (not before `nextPollAt`) → download
 * and parse the processing report into per-SKU outcomes. A `poll` step whose time has not come
 * returns the state unchanged; the host's scheduler decides when to call again.
 *
 * @example
 * ```ts
 * let state = startFeedJob(document);
 * while (state.step !== 'done' && state.step !== 'failed') state = await advanceFeedJob(client, state, { now: clock.now(), pollIntervalMs: 30_000 });
 * ```
 *
 * @category Operations
 */
export async function advanceFeedJob(
  client: SpApiClient,
  state: FeedJobState,
  options: { now: number; pollIntervalMs?: number; signal?: AbortSignal },
): Promise<FeedJobState> {
  const signal = options.signal;
  const poll = options.pollIntervalMs ?? 30_000;
  switch (state.step) {
    case 'create-document': {
      const document = await client.createFeedDocument('application/json; charset=UTF-8', signal);
      return { ...state, step: 'upload', feedDocumentId: document.feedDocumentId, uploadUrl: document.url };
    }
    case 'upload': {
      await client.uploadDocument(state.uploadUrl!, state.body ?? '', 'application/json; charset=UTF-8', signal);
      const { body: _uploaded, uploadUrl: _url, ...rest } = state;
      return { ...rest, step: 'create-feed' };
    }
    case 'create-feed': {
      // createFeed has no idempotency key. If its answer is lost, this step runs again and may
      // submit the document twice; the messages merge absolute values, so a second run
      // writes the same values.
      const { feedId } = await client.createFeed(
        { feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: state.feedDocumentId! },
        signal,
      );
      return { ...state, step: 'poll', feedId, nextPollAt: options.now + poll };
    }
    case 'poll': {
      if (state.nextPollAt !== undefined && options.now < state.nextPollAt) return state;
      const feed = await client.getFeed(state.feedId!, signal);
      if (feed.processingStatus === 'DONE' || (feed.processingStatus === 'FATAL' && feed.resultFeedDocumentId)) {
        return {
          ...state,
          step: 'report',
          processingStatus: feed.processingStatus,
          resultFeedDocumentId: feed.resultFeedDocumentId!,
        };
      }
      if (feed.processingStatus === 'CANCELLED' || feed.processingStatus === 'FATAL') {
        return {
          ...state,
          step: 'failed',
          processingStatus: feed.processingStatus,
          error: `Feed ${state.feedId} ended ${feed.processingStatus} without a report.`,
        };
      }
      return { ...state, processingStatus: feed.processingStatus, nextPollAt: options.now + poll };
    }
    case 'report': {
      const document = await client.getFeedDocument(state.resultFeedDocumentId!, signal);
      const text = await readText(await client.downloadDocument(document.url, signal));
      const parsed = parseListingsFeedReport(text, state.messages);
      if (parsed.isErr()) return { ...state, step: 'failed', error: parsed.error.message };
      return { ...state, step: 'done', report: parsed.value };
    }
    default:
      return state;
  }
}

/**
 * Runs a feed submission to the end, sleeping on the injected clock between polls. Pass
 * `onStep` to persist the state after every step.
 *
 * @example
 * ```ts
 * const final = await runFeedJob(client, startFeedJob(document), { clock, onStep: (s) => store.set(key, s) });
 * ```
 *
 * @category Operations
 */
export async function runFeedJob(
  client: SpApiClient,
  state: FeedJobState,
  options: {
    clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
    pollIntervalMs?: number;
    signal?: AbortSignal;
    onStep?: (state: FeedJobState) => unknown;
  },
): Promise<FeedJobState> {
  let current = state;
  while (current.step !== 'done' && current.step !== 'failed') {
    const now = options.clock.now();
    if (current.step === 'poll' && current.nextPollAt !== undefined && now < current.nextPollAt) {
      await options.clock.sleep(current.nextPollAt - now, options.signal);
      continue;
    }
    current = await advanceFeedJob(client, current, {
      now,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await options.onStep?.(current);
  }
  if (current.step === 'failed') {
    throw new MarketplaceApiError(current.error ?? 'The feed failed.', {
      platform: 'amazon',
      operation: 'createFeed',
      retryable: false,
      body: { feedId: current.feedId, processingStatus: current.processingStatus },
    });
  }
  return current;
}
