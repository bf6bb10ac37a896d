import { createContext, type Context, type ResolvedContext } from '../../core/context.js';
import { fromUtf8 } from '../../core/bytes.js';
import type { WebhookRequest } from '../request.js';
import type { WebhookVerifier } from '../verify/types.js';
import { errorMessage, webhookKeys } from './keys.js';
import { createEventRecords, type SeenClaim } from './records.js';
import { createRouteTable } from './routes.js';
import { eventFrom, isEventState, isLegacyRetryRecord } from './pending.js';
import { eventIdOf, topicOf } from './event-identity.js';
import { validateProcessorOptions } from './validate-options.js';
import { CLAIM_MS } from './retry-record.js';
import { isWebhookPayloadError } from '../../core/errors/webhook-payload-error.js';
import type {
  DeadLetter,
  RetryRunSummary,
  WebhookEvent,
  WebhookHandler,
  WebhookOutcome,
  WebhookRetryOptions,
  WebhookRoutes,
} from './types.js';

/**
 * Options of {@link createWebhookProcessor}.
 *
 * @example
 * ```ts
 * const options: WebhookProcessorOptions = {
 *   verifiers: [createShopifyVerifier({ secrets: [secret] })],
 *   routes: { shopify: { 'orders/create': onOrder } },
 * };
 * ```
 *
 * @category Processor
 */
export interface WebhookProcessorOptions {
  /** One verifier per platform; the verifier's `platform` names the route. */
  verifiers: readonly WebhookVerifier[];
  /**
   * Handlers by platform and topic, read once when the processor is created. Only own
   * properties count: a topic named like an `Object.prototype` member (`constructor`,
   * `__proto__`) finds only a handler configured under that name, else the `'*'` one.
   */
  routes: WebhookRoutes;
  /** Store (dedup, retries, dead letters), clock, events, logger, scheduler and tenant. */
  context?: Context;
  /** How long an event id is remembered for deduplication (default 7 days). */
  dedupTtlMs?: number;
  /** Retry policy for failing handlers. */
  retry?: WebhookRetryOptions;
  /**
   * Runs the handler after the response is sent (e.g. a Worker's `ctx.waitUntil`, Vercel's
   * `waitUntil`); without it the first attempt runs before `receive` resolves.
   */
  waitUntil?: (work: Promise<unknown>) => void;
  /** Random source for backoff jitter (default `Math.random`). */
  random?: () => number;
}

/**
 * Receives webhooks: verify → parse → deduplicate by event id in the store → route to the
 * handler → acknowledge. Failing handlers are retried with backoff (by the host calling
 * {@link WebhookProcessor.runDueRetries}, typically from its scheduler) and then parked in a
 * dead-letter queue that can be listed and replayed.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({ verifiers, routes, context });
 * const outcome = await processor.receive('shopify', { headers, body: rawBody });
 * ```
 *
 * @category Processor
 */
export interface WebhookProcessor {
  /** The platforms that have a verifier. */
  readonly platforms: readonly string[];
  /**
   * Processes one incoming request for `platform`. Rejects (with a retryable
   * `MarketbridgeError`, code `internal`) only when the store fails before the event is
   * recorded; its id is then released, so the platform's redelivery processes it.
   */
  receive(platform: string, request: WebhookRequest): Promise<WebhookOutcome>;
  /** Runs every retry that is due; call it from the host's scheduler. */
  runDueRetries(): Promise<RetryRunSummary>;
  /** Events parked after their last failed attempt. */
  listDeadLetters(): Promise<DeadLetter[]>;
  /** Runs a dead letter's handler again; resolves whether it succeeded (on failure it stays parked). */
  replayDeadLetter(id: string): Promise<boolean>;
  /** Removes a dead letter; resolves whether it existed. */
  discardDeadLetter(id: string): Promise<boolean>;
}

/**
 * Creates a {@link WebhookProcessor}.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createShopifyVerifier({ secrets: [process.env.SHOPIFY_API_SECRET!] })],
 *   routes: { shopify: { 'orders/create': async (event) => importOrder(event.payload) } },
 *   context: { store: redisStore, tenantId: 'shop-1' },
 * });
 * ```
 *
 * @category Processor
 */
export function createWebhookProcessor(options: WebhookProcessorOptions): WebhookProcessor {
  validateProcessorOptions(options);
  const context: ResolvedContext = createContext(options.context);
  const { store, clock, events, logger, tenantId } = context;
  const verifiers = new Map(options.verifiers.map((verifier) => [verifier.platform, verifier]));
  const keys = webhookKeys(tenantId);
  const dedupTtlMs = options.dedupTtlMs ?? 7 * 24 * 60 * 60_000;
  const handlerFor = createRouteTable(options.routes);
  const seenTtl = { ttlMs: dedupTtlMs };
  const records = createEventRecords(context, {
    dedupTtlMs,
    maxAttempts: options.retry?.maxAttempts ?? 5,
    baseDelayMs: options.retry?.baseDelayMs ?? 1_000,
    maxDelayMs: options.retry?.maxDelayMs ?? 5 * 60_000,
    random: options.random ?? Math.random,
  });

  /**
   * The first run. With `claim` (the answer waits for it), a failure that cannot be recorded
   * releases the claim and throws, so the platform redelivers; without (the delivery was
   * already acknowledged), the pending record stays for a retry pass.
   */
  const firstRun = async (
    event: WebhookEvent,
    handler: WebhookHandler,
    claim?: SeenClaim,
  ): Promise<'processed' | 'queued' | 'dead_lettered'> => {
    try {
      await handler(event);
    } catch (error) {
      try {
        if ((await records.fail(event, error)) === 'dead') return 'dead_lettered';
      } catch (storeError) {
        if (claim && (await records.unclaim(event, claim))) throw records.notRecorded(event.platform, storeError);
        logger.error('webhook failure could not be recorded; a retry pass will run the handler', {
          platform: event.platform,
          eventId: event.eventId,
          error: errorMessage(storeError),
        });
      }
      return 'queued';
    }
    await records.succeeded(event);
    return 'processed';
  };

  /**
   * Claims a pending event that is due for one run, so that another process running the same
   * pass skips it; `undefined` when it is not due, claimed by another pass, or unreadable. A
   * record stored by an earlier version (the whole event under the retry key) is converted to
   * the current form as it is claimed.
   */
  const claimDue = async (key: string, now: number): Promise<{ event: WebhookEvent; parsed: boolean } | undefined> => {
    const raw = await store.get<unknown>(key);
    if (raw === undefined) return undefined;
    const id = key.slice(keys.retryPrefix.length);
    if (isLegacyRetryRecord(raw)) {
      if (raw.nextAttemptAt > now || (raw.claimedUntil ?? 0) > now) return undefined;
      const { payload, attempt: _attempt, ...meta } = raw.event;
      // Claimed by replacing it: another pass converting it too finds it changed.
      if (!(await store.compareAndSet(key, raw, JSON.stringify(payload) ?? 'null', seenTtl))) return undefined;
      await store.set(
        keys.seenAt(id),
        {
          at: meta.receivedAt,
          platform: meta.platform,
          eventId: meta.eventId,
          topic: meta.topic,
          failures: raw.failures,
          nextAttemptAt: raw.nextAttemptAt,
          lastError: raw.lastError,
          claimedUntil: now + CLAIM_MS,
        },
        seenTtl,
      );
      return { event: { ...meta, payload, tenantId, attempt: raw.failures + 1 }, parsed: true };
    }
    const state = typeof raw === 'string' ? await store.get<unknown>(keys.seenAt(id)) : undefined;
    if (typeof raw !== 'string' || !isEventState(state)) {
      logger.warn('webhook retry record is unreadable; skipped', { key });
      return undefined;
    }
    if (state.nextAttemptAt > now || (state.claimedUntil ?? 0) > now) return undefined;
    if (!(await store.compareAndSet(keys.seenAt(id), state, { ...state, claimedUntil: now + CLAIM_MS }, seenTtl)))
      return undefined;
    const event = eventFrom(state, raw, tenantId);
    if (event) return { event, parsed: true };
    // Runs no handler; counts as a failed attempt, so it ends in the dead-letter queue.
    return {
      event: {
        platform: state.platform,
        topic: state.topic,
        eventId: state.eventId,
        payload: raw,
        tenantId,
        receivedAt: state.at,
        attempt: state.failures + 1,
      },
      parsed: false,
    };
  };

  return {
    platforms: [...verifiers.keys()],

    async receive(platform, request) {
      const verifier = verifiers.get(platform);
      if (!verifier)
        return {
          status: 'rejected',
          platform,
          reason: 'unknown_platform',
          message: `No verifier for platform "${platform}".`,
        };
      const verified = await verifier.verify(request);
      if (verified.isErr()) {
        logger.info('webhook rejected', { platform, reason: verified.error.reason });
        return { status: 'rejected', platform, reason: verified.error.reason, message: verified.error.message };
      }
      const body = fromUtf8(verified.value.body);
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        return { status: 'rejected', platform, reason: 'malformed_body', message: 'The verified body is not JSON.' };
      }
      const topic = topicOf(verified.value, payload);
      const named = eventIdOf(verified.value, payload);
      const eventId = typeof named === 'string' ? named : await named;
      const receivedAt = clock.now();
      // The event's state: due for a retry pass once a first run may have died.
      const claim: SeenClaim = {
        at: receivedAt,
        platform,
        eventId,
        topic,
        failures: 0,
        nextAttemptAt: receivedAt + CLAIM_MS,
      };
      const first = await store.compareAndSet(keys.seen(platform, eventId), undefined, claim, seenTtl);
      if (events.listenerCount('webhookReceived') > 0)
        events.emit('webhookReceived', { platform, tenantId, topic, eventId, duplicate: !first });
      if (!first) return { status: 'duplicate', platform, topic, eventId };
      const handler = handlerFor(platform, topic);
      if (!handler) return { status: 'unrouted', platform, topic, eventId };
      const event: WebhookEvent = { platform, topic, eventId, payload, tenantId, receivedAt, attempt: 1 };
      // Recorded before the handler runs: if this process dies mid-handler, a retry pass picks
      // it up. The body is stored as the text it arrived as, never re-serialised from the payload.
      try {
        await records.pending(event, body);
      } catch (storeError) {
        await records.unclaim(event, claim);
        throw records.notRecorded(platform, storeError);
      }
      if (options.waitUntil) {
        options.waitUntil(firstRun(event, handler));
        return { status: 'queued', platform, topic, eventId };
      }
      return { status: await firstRun(event, handler, claim), platform, topic, eventId };
    },

    async runDueRetries() {
      const summary: RetryRunSummary = { attempted: 0, succeeded: 0, deadLettered: 0 };
      for (const key of await store.list(keys.retryPrefix)) {
        const claimed = await claimDue(key, clock.now());
        if (!claimed) continue;
        const { event } = claimed;
        const handler = handlerFor(event.platform, event.topic);
        summary.attempted++;
        try {
          if (!claimed.parsed) throw new Error('The stored body is not JSON.');
          if (!handler) throw new Error(`No handler for ${event.platform} ${event.topic}.`);
          await handler(event);
        } catch (error) {
          try {
            if ((await records.fail(event, error)) === 'dead') summary.deadLettered++;
          } catch (storeError) {
            // The record stays claimed; once the claim lapses, a later pass runs it again.
            logger.error('webhook retry failure could not be recorded', {
              platform: event.platform,
              eventId: event.eventId,
              error: errorMessage(storeError),
            });
          }
          continue;
        }
        await records.succeeded(event);
        summary.succeeded++;
      }
      return summary;
    },

    async listDeadLetters() {
      const letters: DeadLetter[] = [];
      for (const key of await store.list(keys.deadPrefix)) {
        const letter = await store.get<DeadLetter>(key);
        if (letter) letters.push(letter);
      }
      return letters;
    },

    async replayDeadLetter(id) {
      const letter = await store.get<DeadLetter>(keys.dead(id));
      if (!letter) return false;
      const handler = handlerFor(letter.event.platform, letter.event.topic);
      if (!handler) return false;
      const event: WebhookEvent = { ...letter.event, attempt: letter.attempts + 1 };
      try {
        await handler(event);
      } catch (error) {
        const { reason: _previous, ...rest } = letter;
        await store.set(keys.dead(id), {
          ...rest,
          attempts: event.attempt,
          lastError: errorMessage(error),
          failedAt: clock.now(),
          ...(isWebhookPayloadError(error) ? { reason: error.reason } : {}),
        });
        return false;
      }
      await store.compareAndSet(keys.dead(id), letter, undefined);
      return true;
    },

    async discardDeadLetter(id) {
      return store.delete(keys.dead(id));
    },
  };
}
