import type { WebhookEvent } from './types.js';

/**
 * What the processor records of an event under its deduplication key: when it arrived, what
 * it is, and where its handler runs stand. The event's body is stored once, as the text it
 * arrived as, under its retry key (present while the handler has not succeeded), so receiving
 * a webhook never re-serialises its payload.
 */
export interface EventState {
  /** When it was received (epoch ms). */
  at: number;
  platform: string;
  eventId: string;
  topic: string;
  /** Handler runs that failed so far (0 while the first run has not finished). */
  failures: number;
  /** When a retry pass may run it (epoch ms). */
  nextAttemptAt: number;
  /** The last handler error's message. */
  lastError?: string;
  /** Until when a retry pass has claimed it (epoch ms). */
  claimedUntil?: number;
}

/**
 * The pending-retry record versions before 0.2 stored under the retry key: the whole event,
 * its payload parsed.
 */
export interface LegacyRetryRecord {
  event: WebhookEvent;
  failures: number;
  nextAttemptAt: number;
  lastError: string;
  claimedUntil?: number;
}

/**
 * Whether a stored value is an {@link EventState} a retry can be run from.
 *
 * @example
 * ```ts
 * if (isEventState(await store.get(seenKey))) ...
 * ```
 */
export function isEventState(value: unknown): value is EventState {
  const state = value as Partial<EventState> | null;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.at === 'number' &&
    typeof state.platform === 'string' &&
    typeof state.eventId === 'string' &&
    typeof state.topic === 'string' &&
    typeof state.failures === 'number' &&
    typeof state.nextAttemptAt === 'number'
  );
}

/**
 * Whether a stored value is a {@link LegacyRetryRecord}.
 *
 * @example
 * ```ts
 * if (isLegacyRetryRecord(raw)) await migrate(raw);
 * ```
 */
export function isLegacyRetryRecord(value: unknown): value is LegacyRetryRecord {
  const record = value as Partial<LegacyRetryRecord> | null;
  const event = record?.event as Partial<WebhookEvent> | undefined;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.failures === 'number' &&
    typeof record.nextAttemptAt === 'number' &&
    typeof event === 'object' &&
    event !== null &&
    typeof event.platform === 'string' &&
    typeof event.eventId === 'string' &&
    typeof event.topic === 'string'
  );
}

/**
 * The event a retry runs: the state's fields, the body parsed again, the next attempt number.
 * `undefined` when the stored body is not JSON (it was when received: the store was changed).
 *
 * @example
 * ```ts
 * const event = eventFrom(state, body, tenantId);
 * ```
 */
export function eventFrom(state: EventState, body: string, tenantId: string): WebhookEvent | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return undefined;
  }
  return {
    platform: state.platform,
    topic: state.topic,
    eventId: state.eventId,
    payload,
    tenantId,
    receivedAt: state.at,
    attempt: state.failures + 1,
  };
}
