import { createContext, type Context, type ResolvedContext } from '../../core/context.js';
import { fromUtf8 } from '../bytes.js';
import type { WebhookRequest } from '../request.js';
import type { WebhookVerifier } from '../verify/types.js';
import { backoffMs, errorMessage, webhookKeys } from './keys.js';
import { eventFrom, isEventState, isLegacyRetryRecord, type EventState } from './pending.js';
import { CLAIM_MS, eventIdOf, topicOf, validateProcessorOptions } from './support.js';
import type { DeadLetter, RetryRunSummary, WebhookEvent, WebhookHandler, WebhookOutcome, WebhookRetryOptions, WebhookRoutes } from './types.js';

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
 */
export interface WebhookProcessorOptions {
  /** One verifier per platform; the verifier's `platform` names the route. */
  verifiers: readonly WebhookVerifier[];
  /** Handlers by platform and topic. */
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
 */
export interface WebhookProcessor {
  /** The platforms that have a verifier. */
  readonly platforms: readonly string[];
  /** Processes one incoming request for `platform`. */
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
 */
export function createWebhookProcessor(options: WebhookProcessorOptions): WebhookProcessor {
  validateProcessorOptions(options);
  const context: ResolvedContext = createContext(options.context);
  const { store, clock, events, logger, scheduler, tenantId } = context;
  const verifiers = new Map(options.verifiers.map((verifier) => [verifier.platform, verifier]));
  const keys = webhookKeys(tenantId);
  const dedupTtlMs = options.dedupTtlMs ?? 7 * 24 * 60 * 60_000;
  const maxAttempts = options.retry?.maxAttempts ?? 5;
  const baseDelayMs = options.retry?.baseDelayMs ?? 1_000;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  const seenTtl = { ttlMs: dedupTtlMs };

  const handlerFor = (platform: string, topic: string): WebhookHandler | undefined => {
    const byTopic = options.routes[platform] ?? options.routes['*'];
    return byTopic?.[topic] ?? byTopic?.['*'];
  };

  /** Records a failed run: another attempt later, or the dead-letter queue after the last. */
  const fail = async (event: WebhookEvent, error: unknown): Promise<'retry' | 'dead'> => {
    const id = keys.id(event.platform, event.eventId);
    const lastError = errorMessage(error);
    logger.warn('webhook handler failed', { platform: event.platform, topic: event.topic, eventId: event.eventId, attempt: event.attempt });
    if (event.attempt >= maxAttempts) {
      const letter: DeadLetter = { id, event, attempts: event.attempt, lastError, failedAt: clock.now() };
      await store.set(keys.dead(id), letter);
      await store.delete(keys.retry(id));
      return 'dead';
    }
    const nextAttemptAt = clock.now() + backoffMs(event.attempt, baseDelayMs, maxDelayMs, random);
    const state: EventState = { at: event.receivedAt, platform: event.platform, eventId: event.eventId, topic: event.topic, failures: event.attempt, nextAttemptAt, lastError };
    await store.set(keys.seenAt(id), state, seenTtl);
    await scheduler.schedule({ name: 'webhooks.runDueRetries', payload: { tenantId }, runAt: nextAttemptAt, key: `webhooks.retry:${tenantId}` });
    return 'retry';
  };

  const run = async (event: WebhookEvent, retryKey: string, handler: WebhookHandler): Promise<boolean> => {
    try {
      await handler(event);
      await store.delete(retryKey);
      return true;
    } catch (error) {
      await fail(event, error);
      return false;
    }
  };

  /**
   * Claims a pending event for one run, or answers why not (`undefined`): not due, claimed by
   * another pass, or unreadable. A record stored by an earlier version is converted on claim.
   */
  const claim = async (key: string, now: number): Promise<{ event: WebhookEvent; parsed: boolean } | undefined> => {
    const raw = await store.get<unknown>(key);
    if (raw === undefined) return undefined;
    const id = key.slice(keys.retryPrefix.length);
    if (isLegacyRetryRecord(raw)) {
      if (raw.nextAttemptAt > now || (raw.claimedUntil ?? 0) > now) return undefined;
      const { payload, attempt: _attempt, ...meta } = raw.event;
      const body = JSON.stringify(payload) ?? 'null';
      // Claimed by replacing it: another pass running the same conversion finds it changed.
      if (!(await store.compareAndSet(key, raw, body, seenTtl))) return undefined;
      const state: EventState = { at: meta.receivedAt, platform: meta.platform, eventId: meta.eventId, topic: meta.topic, failures: raw.failures, nextAttemptAt: raw.nextAttemptAt, lastError: raw.lastError, claimedUntil: now + CLAIM_MS };
      await store.set(keys.seenAt(id), state, seenTtl);
      return { event: { ...meta, payload, tenantId, attempt: raw.failures + 1 }, parsed: true };
    }
    const state = typeof raw === 'string' ? await store.get<unknown>(keys.seenAt(id)) : undefined;
    if (typeof raw !== 'string' || !isEventState(state)) {
      logger.warn('webhook retry record is unreadable; skipped', { key });
      return undefined;
    }
    if (state.nextAttemptAt > now || (state.claimedUntil ?? 0) > now) return undefined;
    // Claim it so that another process running the same pass skips it.
    if (!(await store.compareAndSet(keys.seenAt(id), state, { ...state, claimedUntil: now + CLAIM_MS }, seenTtl))) return undefined;
    const event = eventFrom(state, raw, tenantId);
    if (event) return { event, parsed: true };
    // Runs no handler; counts as a failed attempt, so it ends in the dead-letter queue.
    return { event: { platform: state.platform, topic: state.topic, eventId: state.eventId, payload: raw, tenantId, receivedAt: state.at, attempt: state.failures + 1 }, parsed: false };
  };

  return {
    platforms: [...verifiers.keys()],

    async receive(platform, request) {
      const verifier = verifiers.get(platform);
      if (!verifier) return { status: 'rejected', platform, reason: 'unknown_platform', message: `No verifier for platform "${platform}".` };
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
      const id = keys.id(platform, eventId);
      const receivedAt = clock.now();
      // Due for a retry pass once a run may have died: until then the first run owns it.
      const state: EventState = { at: receivedAt, platform, eventId, topic, failures: 0, nextAttemptAt: receivedAt + CLAIM_MS };
      const first = await store.compareAndSet(keys.seenAt(id), undefined, state, seenTtl);
      if (events.listenerCount('webhookReceived') > 0) events.emit('webhookReceived', { platform, tenantId, topic, eventId, duplicate: !first });
      if (!first) return { status: 'duplicate', platform, topic, eventId };
      const handler = handlerFor(platform, topic);
      if (!handler) return { status: 'unrouted', platform, topic, eventId };
      const event: WebhookEvent = { platform, topic, eventId, payload, tenantId, receivedAt, attempt: 1 };
      // Stored before the handler runs, so that a retry pass runs it if this process dies
      // mid-handler: the body as the text it arrived as (a string the memory store keeps as is).
      const retryKey = keys.retry(id);
      await store.set(retryKey, body, seenTtl);
      if (options.waitUntil) {
        options.waitUntil(run(event, retryKey, handler));
        return { status: 'queued', platform, topic, eventId };
      }
      return { status: (await run(event, retryKey, handler)) ? 'processed' : 'queued', platform, topic, eventId };
    },

    async runDueRetries() {
      const summary: RetryRunSummary = { attempted: 0, succeeded: 0, deadLettered: 0 };
      for (const key of await store.list(keys.retryPrefix)) {
        const claimed = await claim(key, clock.now());
        if (!claimed) continue;
        summary.attempted++;
        const { event } = claimed;
        const handler = handlerFor(event.platform, event.topic);
        try {
          if (!claimed.parsed) throw new Error('The stored body is not JSON.');
          if (!handler) throw new Error(`No handler for ${event.platform} ${event.topic}.`);
          await handler(event);
          await store.delete(key);
          summary.succeeded++;
        } catch (error) {
          if ((await fail(event, error)) === 'dead') summary.deadLettered++;
        }
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
        await store.set(keys.dead(id), { ...letter, attempts: event.attempt, lastError: errorMessage(error), failedAt: clock.now() });
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
