import { z } from 'zod';
import type { BolPushEvent, BolPushEvents, BolPushResource } from './events.js';

// bol.com documents its push messages by example (Retailer API, "Subscriptions"): every message is
// { retailerId, timestamp, event: { resource, type, resourceId } }, the retailer id a number in
// the examples and a string elsewhere, the timestamp ISO 8601 with an offset. PROCESS_STATUS
// events are of type SUCCESS, FAILURE or TIMEOUT and name the process status id; SHIPMENT events
// are of type UPDATE_TRANSPORT_EVENT and name the shipment id. Other fields pass through.

const timestamp = () =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO 8601 timestamp.');
/** An id bol.com may write as a number: checked, then handed on as a string. */
const id = () => z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
/** A resource id that may be absent or empty (`''` then), as on test messages. */
const optionalId = () =>
  z
    .union([z.string(), z.number().int().nonnegative()])
    .optional()
    .transform((value) => (value === undefined ? '' : String(value)));

function message<R extends z.ZodType<string>, T extends z.ZodType<string>, I extends z.ZodType<string>>(
  resource: R,
  type: T,
  resourceId: I,
) {
  return z.looseObject({
    retailerId: id(),
    timestamp: timestamp(),
    event: z.looseObject({ resource, type, resourceId }),
  });
}

type Schemas = { [R in BolPushResource]: z.ZodType<BolPushEvents[R]> } & { any: z.ZodType<BolPushEvent> };

function build(): Schemas {
  return {
    PROCESS_STATUS: message(z.literal('PROCESS_STATUS'), z.enum(['SUCCESS', 'FAILURE', 'TIMEOUT']), id()),
    SHIPMENT: message(z.literal('SHIPMENT'), z.literal('UPDATE_TRANSPORT_EVENT'), id()),
    // A test message names the subscription it was sent for, when bol.com names anything.
    TEST: message(z.literal('TEST'), z.string().min(1), optionalId()),
    any: message(z.string().min(1), z.string().min(1), optionalId()),
  };
}

let schemas: Schemas | undefined;

/**
 * Every pushed resource marketbridge types, in a stable order.
 *
 * @example
 * ```ts
 * BOL_PUSH_RESOURCES.includes('PROCESS_STATUS'); // true
 * ```
 *
 * @category Webhooks and notifications
 */
export const BOL_PUSH_RESOURCES: readonly BolPushResource[] = ['PROCESS_STATUS', 'SHIPMENT', 'TEST'];

/**
 * Whether `resource` is one marketbridge types (and so checks beyond the common envelope).
 *
 * @example
 * ```ts
 * isBolPushResource('SHIPMENT'); // true
 * isBolPushResource('ORDER'); // false: routed with its envelope checked
 * ```
 *
 * @category Webhooks and notifications
 */
export function isBolPushResource(resource: string): resource is BolPushResource {
  return (BOL_PUSH_RESOURCES as readonly string[]).includes(resource);
}

/**
 * The schema a pushed event of a typed resource is checked with before its handler runs (built
 * on first use): the envelope, the resource's event types and its resource id. Ids are handed on
 * as strings.
 *
 * @example
 * ```ts
 * const checked = bolPushEventSchema('PROCESS_STATUS').safeParse(JSON.parse(body));
 * if (checked.success) await poller.settle(checked.data.event.resourceId);
 * ```
 *
 * @category Webhooks and notifications
 */
export function bolPushEventSchema<R extends BolPushResource>(resource: R): z.ZodType<BolPushEvents[R]> {
  schemas ??= build();
  return schemas[resource] as z.ZodType<BolPushEvents[R]>;
}

/**
 * The schema of a pushed event of any resource (built on first use): `retailerId`, an ISO
 * `timestamp`, and `event` with `resource` and `type`; `resourceId` is `''` when absent (a
 * string or a number when present).
 *
 * @example
 * ```ts
 * const checked = bolPushEnvelopeSchema().safeParse(payload);
 * ```
 *
 * @category Webhooks and notifications
 */
export function bolPushEnvelopeSchema(): z.ZodType<BolPushEvent> {
  schemas ??= build();
  return schemas.any;
}
