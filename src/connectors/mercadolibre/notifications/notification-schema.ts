import { z } from 'zod';
import type { MercadoLibreNotification } from './verifier.js';

const RESOURCE = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;
const numeric = () =>
  z.union([
    z.number().nonnegative().refine(Number.isInteger, 'Expected an integer id.'),
    z.string().regex(/^\d+$/, 'Expected a numeric id.'),
  ]);

let schema: z.ZodType<MercadoLibreNotification> | undefined;

/**
 * The schema of a MercadoLibre notification body, built on first use: a plain resource path,
 * numeric seller and application ids, a topic.
 *
 * @example
 * ```ts
 * const checked = notificationSchema().safeParse(event.payload);
 * ```
 */
export function notificationSchema(): z.ZodType<MercadoLibreNotification> {
  schema ??= z.looseObject({
    _id: z.string().optional(),
    resource: z.string().regex(RESOURCE, 'Expected a resource path such as /orders/2195160686.'),
    user_id: numeric(),
    topic: z.string().min(1),
    application_id: numeric(),
    attempts: z.number().int().nonnegative().optional(),
    sent: z.string().optional(),
  });
  return schema;
}
