import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';

/**
 * A pushed bol.com event: which resource changed (`PROCESS_STATUS`, `SHIPMENT`, `TEST`, ...),
 * how (`SUCCESS`, `FAILURE`, `TIMEOUT`, `UPDATE_TRANSPORT_EVENT`, ...) and its id (the process
 * status id, the shipment id, ...). The event says what to read again; it carries no details.
 */
export interface BolPushEvent {
  retailerId: string;
  timestamp: string;
  event: { resource: string; type: string; resourceId: string };
}

/**
 * Reads a pushed event from its parsed JSON body; `malformed_body` for anything else.
 *
 * @example
 * ```ts
 * const parsed = parseBolPushEvent(JSON.parse(rawBody));
 * if (parsed.isOk()) console.log(parsed.value.event.resource);
 * ```
 */
export function parseBolPushEvent(payload: unknown): Result<BolPushEvent, Failure<'malformed_body'>> {
  const body = payload as {
    retailerId?: unknown;
    timestamp?: unknown;
    event?: { resource?: unknown; type?: unknown; resourceId?: unknown };
  } | null;
  const event = body?.event;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const retailerId = text(body?.retailerId);
  const timestamp = text(body?.timestamp);
  const resource = text(event?.resource);
  const type = text(event?.type);
  const resourceId = text(event?.resourceId) ?? '';
  if (retailerId === undefined || timestamp === undefined || !resource || !type) {
    return err(
      failure(
        'malformed_body',
        'Expected a bol.com push event: { retailerId, timestamp, event: { resource, type, resourceId } }.',
      ),
    );
  }
  return ok({ retailerId, timestamp, event: { resource, type, resourceId } });
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
 */
export function bolEventId(event: BolPushEvent): string {
  return `${event.event.resource}:${event.event.type}:${event.event.resourceId}:${event.timestamp}`;
}
