import type { MaybePromise } from '../../core/types.js';
import type { WebhookFailureReason } from '../verify/types.js';

/**
 * A verified, parsed, deduplicated webhook as handlers receive it.
 *
 * @category Processor
 */
export interface WebhookEvent {
  /** The platform. */
  platform: string;
  /** The topic used for routing (e.g. `orders/create`, `MARKETPLACE_ACCOUNT_DELETION`). */
  topic: string;
  /** The deduplication id: the platform's event id, or a hash of the body when it sends none. */
  eventId: string;
  /** The parsed JSON body. */
  payload: unknown;
  /** The tenant the processor works for. */
  tenantId: string;
  /** When it was received (epoch ms). */
  receivedAt: number;
  /** 1 for the first delivery to the handler, 2 for the first retry, ... */
  attempt: number;
}

/**
 * Handles one event. Throw (or reject) to have it retried with backoff and, after the last
 * attempt, parked in the dead-letter queue.
 *
 * @category Processor
 */
export type WebhookHandler = (event: WebhookEvent) => MaybePromise<void>;

/**
 * Handlers by platform, then by topic; `'*'` matches any platform or topic.
 *
 * @category Processor
 */
export type WebhookRoutes = Record<string, Record<string, WebhookHandler>>;

/**
 * What happened to a received webhook.
 *
 * - `processed`: the handler ran and succeeded.
 * - `queued`: accepted; the handler runs later (deferred, or it failed and will be retried).
 * - `dead_lettered`: accepted, but parked in the dead-letter queue at once: its payload failed
 *   its topic's check (`reason: 'invalid_payload'` on the letter), or its only allowed attempt
 *   failed.
 * - `duplicate`: already received; nothing ran.
 * - `unrouted`: verified, but no handler takes this platform and topic.
 * - `rejected`: not authentic or not parseable; see `reason`.
 *
 * @example
 * ```ts
 * const outcome: WebhookOutcome = await processor.receive('shopify', request);
 * if (outcome.status === 'rejected') console.warn(outcome.reason);
 * ```
 *
 * @category Processor
 */
export type WebhookOutcome =
  | {
      status: 'processed' | 'queued' | 'dead_lettered' | 'duplicate' | 'unrouted';
      platform: string;
      topic: string;
      eventId: string;
    }
  | { status: 'rejected'; platform: string; reason: WebhookFailureReason | 'unknown_platform'; message: string };

/**
 * Retry policy of the webhook processor: exponential backoff from `baseDelayMs`, doubling,
 * capped at `maxDelayMs`, for `maxAttempts` handler runs in total.
 *
 * @example
 * ```ts
 * const retry: WebhookRetryOptions = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 300_000 };
 * ```
 *
 * @category Processor
 */
export interface WebhookRetryOptions {
  /** Handler runs in total, including the first (default 5). */
  maxAttempts?: number;
  /** Delay before the first retry (default 1 s). */
  baseDelayMs?: number;
  /** Cap on any delay (default 5 minutes). */
  maxDelayMs?: number;
}

/**
 * An event whose handler failed every attempt, kept in the store until replayed or discarded.
 *
 * @category Processor
 */
export interface DeadLetter {
  /** The id to replay or discard it by. */
  id: string;
  /** The event. */
  event: WebhookEvent;
  /** Handler runs so far. */
  attempts: number;
  /** The last handler error's message. */
  lastError: string;
  /**
   * Why it was parked without further retries, when that was decided: `invalid_payload` for a
   * payload that failed its topic's check (see `WebhookPayloadError`). Absent when the handler
   * failed `maxAttempts` times.
   */
  reason?: 'invalid_payload';
  /** When it was parked (epoch ms). */
  failedAt: number;
}

/**
 * Totals of one {@link WebhookProcessor.runDueRetries} pass.
 *
 * @category Processor
 */
export interface RetryRunSummary {
  /** Retries attempted. */
  attempted: number;
  /** Retries whose handler succeeded. */
  succeeded: number;
  /** Events moved to the dead-letter queue. */
  deadLettered: number;
}
