import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { TimestampSchema } from './scalars.js';

/**
 * A shipment to confirm for an order, with tracking.
 *
 * @example
 * ```ts
 * ShipmentSchema.parse({
 *   orderId: '1001', carrier: 'PostNL', trackingNumber: '3SABCD123',
 *   shippedAt: '2026-11-22T10:00:00.000Z',
 * });
 * ```
 *
 * @category Canonical model
 */
export const ShipmentSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The marketplace's id, once confirmed. */
    id: z.string().optional(),
    orderId: z.string().min(1),
    /** Lines and quantities shipped; omitted: every open unit of the order. */
    lineItems: z.array(z.object({ lineItemId: z.string().min(1), quantity: z.number().int().positive() })).optional(),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
    trackingUrl: z.string().url().optional(),
    shippedAt: TimestampSchema,
  }),
);

/**
 * A shipment with tracking. See {@link ShipmentSchema}.
 *
 * @category Canonical model
 */
export type Shipment = z.infer<typeof ShipmentSchema>;
