import type { ResolvedContext } from '../../core/context.js';
import { MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { backoffMs, errorMessage, webhookKeys } from './keys.js';
import type { EventState } from './pending.js';
import { isWebhookPayloadError } from '../../core/errors/webhook-payload-error.js';
import type { DeadLetter, WebhookEvent } from './types.js';

/**
 * The value of a deduplication claim, the event's first {@link EventState}: compare-and-set
 * releases exactly this claim, never a newer one.
 */
export type SeenClaim = EventState;

/**
 * Settings of {@link createEventRecords}.
 *
 * @example
 * ```ts
 * const settings: EventRecordSettings = { dedupTtlMs: 604_800_000, maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 300_000, random: Math.random };
 * ```
 */
export interface EventRecordSettings {
  /** How long the deduplication key (and with it the event's state) is kept. */
  dedupTtlMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * The processor's store bookkeeping for one event. The invariant it keeps: once an event's
 * id is claimed, either a record in the store (pending, retry or dead letter) will run its
 * handler, or the claim is released so that the platform's redelivery processes it.
 *
 * An event's state (topic, attempts, when the next attempt is due, a retry pass's claim) lives
 * under its deduplication key; its body, stored once as the text it arrived as, under its retry
 * key while the handler has not succeeded.
 *
 * @example
 * ```ts
 * const records = createEventRecords(context, settings);
 * await records.pending(event);
 * ```
 */
export interface EventRecords {
  /** Records an event's body before its first run, so a crash mid-handler is retried. Throws when the store fails. */
  pending(event: WebhookEvent, body: string): Promise<void>;
  /** Records a failed run: a retry with backoff, or a dead letter after the last attempt. Throws when the store fails. */
  fail(event: WebhookEvent, error: unknown): Promise<'retry' | 'dead'>;
  /** Drops the record of a run that succeeded. A store failure is logged, not thrown: a later retry pass may run the handler once more. */
  succeeded(event: WebhookEvent): Promise<void>;
  /**
   * Releases the claim and then drops the event's record, so that a redelivery processes it.
   * Resolves `false` when the claim could not be released; the record is then left for a retry pass.
   */
  unclaim(event: WebhookEvent, claim: SeenClaim): Promise<boolean>;
  /** The error `receive` throws when the event could not be recorded and its claim was released. */
  notRecorded(platform: string, cause: unknown): MarketbridgeError;
}

/**
 * Creates the {@link EventRecords} of one processor.
 *
 * @example
 * ```ts
 * const records = createEventRecords(createContext(), { dedupTtlMs: 604_800_000, maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 300_000, random: Math.random });
 * ```
 */
export function createEventRecords(context: ResolvedContext, settings: EventRecordSettings): EventRecords {
  const { store, clock, logger, scheduler, tenantId } = context;
  const keys = webhookKeys(tenantId);
  const retryKey = (event: WebhookEvent) => keys.retry(keys.id(event.platform, event.eventId));
  const ttl = { ttlMs: settings.dedupTtlMs };
  const where = (event: WebhookEvent) => ({
    platform: event.platform,
    topic: event.topic,
    eventId: event.eventId,
    attempt: event.attempt,
  });

  return {
    async pending(event, body) {
      // A string the memory store keeps as it is; due for a retry pass when the claim's
      // `nextAttemptAt` passes (a run may have died by then).
      await store.set(retryKey(event), body, ttl);
    },

    async fail(event, error) {
      const letterId = keys.id(event.platform, event.eventId);
      const lastError = errorMessage(error);
      logger.warn('webhook handler failed', where(event));
      // A payload that failed its topic's check fails the same way on every retry.
      const invalid = isWebhookPayloadError(error);
      if (invalid || event.attempt >= settings.maxAttempts) {
        const letter: DeadLetter = {
          id: letterId,
          event,
          attempts: event.attempt,
          lastError,
          failedAt: clock.now(),
          ...(invalid ? { reason: error.reason } : {}),
        };
        await store.set(keys.dead(letterId), letter);
        await store.delete(keys.retry(letterId));
        return 'dead';
      }
      const nextAttemptAt =
        clock.now() + backoffMs(event.attempt, settings.baseDelayMs, settings.maxDelayMs, settings.random);
      const state: EventState = {
        at: event.receivedAt,
        platform: event.platform,
        eventId: event.eventId,
        topic: event.topic,
        failures: event.attempt,
        nextAttemptAt,
        lastError,
      };
      await store.set(keys.seenAt(letterId), state, ttl);
      await scheduler.schedule({
        name: 'webhooks.runDueRetries',
        payload: { tenantId },
        runAt: nextAttemptAt,
        key: `webhooks.retry:${tenantId}`,
      });
      return 'retry';
    },

    async succeeded(event) {
      try {
        await store.delete(retryKey(event));
      } catch (error) {
        logger.error('webhook record could not be cleared; a retry pass may run the handler again', {
          ...where(event),
          error: errorMessage(error),
        });
      }
    },

    async unclaim(event, claim) {
      // Claim first: with the claim still held, a lost record would lose the event for good.
      try {
        if (!(await store.compareAndSet(keys.seen(event.platform, event.eventId), claim, undefined))) return false;
      } catch (error) {
        logger.error('webhook claim could not be released; a retry pass will run the handler', {
          ...where(event),
          error: errorMessage(error),
        });
        return false;
      }
      try {
        await store.delete(retryKey(event));
      } catch (error) {
        logger.error('webhook record could not be dropped; a retry pass may run the handler as well', {
          ...where(event),
          error: errorMessage(error),
        });
      }
      return true;
    },

    notRecorded(platform, cause) {
      return new MarketbridgeError(
        'internal',
        `The ${platform} webhook could not be recorded in the store, so it was not acknowledged; the platform's redelivery will process it. Check the store.`,
        { platform, operation: 'receiveWebhook', retryable: true, cause },
      );
    },
  };
}
