import { err, ok, type Result } from 'neverthrow';
import { issuesFromZod } from '../../../core/errors/validation-error.js';
import { failure, type Failure } from '../../../core/result.js';
import { bolPushEnvelopeSchema } from './push-schemas.js';

/**
 * A pushed bol.com event: which resource changed (`PROCESS_STATUS`, `SHIPMENT`, `TEST`, ...),
 * how (`SUCCESS`, `FAILURE`, `TIMEOUT`, `UPDATE_TRANSPORT_EVENT`, ...) and its id (the process
 * status id, the shipment id, ...). The event says what to read again; it carries no details.
 * Ids are strings (bol.com writes the retailer id as a number in its examples).
 *
 * @category Webhooks and notifications
 */
export interface BolPushEvent<R extends string = string, T extends string = string> {
  retailerId: string;
  /** When it happened (ISO 8601 with an offset). */
  timestamp: string;
  event: { resource: R; type: T; resourceId: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * The pushed resources marketbridge types, with their events: a process status settled (the
 * resource id is the process status id), a shipment's transport changed (the shipment id), a
 * test message.
 *
 * @category Webhooks and notifications
 */
export interface BolPushEvents {
  PROCESS_STATUS: BolPushEvent<'PROCESS_STATUS', 'SUCCESS' | 'FAILURE' | 'TIMEOUT'>;
  SHIPMENT: BolPushEvent<'SHIPMENT', 'UPDATE_TRANSPORT_EVENT'>;
  TEST: BolPushEvent<'TEST'>;
}

/**
 * A pushed resource marketbridge types: `PROCESS_STATUS`, `SHIPMENT`, `TEST`.
 *
 * @category Webhooks and notifications
 */
export type BolPushResource = keyof BolPushEvents;

/**
 * Reads a pushed event from its parsed JSON body (any resource: the envelope is checked, see
 * `bolPushEnvelopeSchema`); `malformed_body`, naming each problem by path, for anything else.
 *
 * @example
 * ```ts
 * const parsed = parseBolPushEvent(JSON.parse(rawBody));
 * if (parsed.isOk()) console.log(parsed.value.event.resource);
 * ```
 *
 * @category Webhooks and notifications
 */
export function parseBolPushEvent(payload: unknown): Result<BolPushEvent, Failure<'malformed_body'>> {
  const checked = bolPushEnvelopeSchema().safeParse(payload);
  if (checked.success) return ok(checked.data);
  const problems = issuesFromZod(checked.error)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return err(
    failure(
      'malformed_body',
      `Expected a bol.com push event: { retailerId, timestamp, event: { resource, type, resourceId } } (${problems}).`,
    ),
  );
}

/**
 * The deduplication id of a pushed event: resource, type, resource id and timestamp. bol.com
 * sends no event id and may deliver an event more than once (it retries for ten minutes);
 * retries carry the same body, so they share this id.
 *
 * @example
 * ```ts
 * bolEventId(event); // 'PROCESS_STATUS:SUCCESS:1234567:2026-01-01T10:00:00+01:00'
 * ```
 *
 * @category Webhooks and notifications
 */
export function bolEventId(event: BolPushEvent): string {
  return `${event.event.resource}:${event.event.type}:${event.event.resourceId}:${event.timestamp}`;
}
