import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { QuantitySchema, SkuSchema, TimestampSchema } from './scalars.js';

/**
 * Stock of one SKU at one location. `onHand = available + reserved`; `version` increases on
 * every change and is what compare-and-set writes compare against.
 *
 * @example
 * ```ts
 * InventoryLevelSchema.parse({
 *   sku: 'A-1', locationId: 'WH-1', available: 5, reserved: 1, onHand: 6,
 *   updatedAt: '2026-11-22T10:00:00.000Z', version: 3,
 * });
 * ```
 *
 * @category Canonical model
 */
export const InventoryLevelSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      sku: SkuSchema,
      locationId: z.string().min(1),
      available: QuantitySchema,
      reserved: QuantitySchema,
      onHand: QuantitySchema,
      updatedAt: TimestampSchema,
      /** Monotonic version (or the platform's compare value) for compare-and-set. */
      version: z.number().int().min(0),
    })
    .refine((level) => level.onHand === level.available + level.reserved, {
      message: 'onHand must equal available + reserved.',
      path: ['onHand'],
    }),
);

/**
 * Stock of one SKU at one location. See {@link InventoryLevelSchema}.
 *
 * @category Canonical model
 */
export type InventoryLevel = z.infer<typeof InventoryLevelSchema>;

/**
 * An absolute stock write: set `available` of `sku` at `locationId` to `quantity`. With
 * `expectedVersion` (or `expectedAvailable`) it is compare-and-set: it fails with a conflict if
 * stock changed since it was read, instead of overwriting a sale.
 *
 * @example
 * ```ts
 * InventorySetSchema.parse({ sku: 'A-1', locationId: 'WH-1', quantity: 10, expectedVersion: 3 });
 * ```
 *
 * @category Canonical model
 */
export const InventorySetSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    sku: SkuSchema,
    /** Omitted: the marketplace's default location. */
    locationId: z.string().min(1).optional(),
    quantity: QuantitySchema,
    expectedVersion: z.number().int().min(0).optional(),
    expectedAvailable: QuantitySchema.optional(),
    /**
     * Names this write so a replay (after a lost answer) returns the first outcome instead of
     * writing again, on platforms whose capabilities say `idempotentSets`. A different write needs
     * a different key.
     */
    idempotencyKey: z.string().min(1).max(200).optional(),
  }),
);

/**
 * An absolute stock write. See {@link InventorySetSchema}.
 *
 * @category Canonical model
 */
export type InventorySet = z.infer<typeof InventorySetSchema>;

/**
 * A relative stock change. `idempotencyKey` makes a replay apply once on platforms (and in the
 * simulator) that support it.
 *
 * @example
 * ```ts
 * InventoryAdjustmentSchema.parse({ sku: 'A-1', delta: -2, idempotencyKey: 'order-991-line-1' });
 * ```
 *
 * @category Canonical model
 */
export const InventoryAdjustmentSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    sku: SkuSchema,
    locationId: z.string().min(1).optional(),
    delta: z
      .number()
      .int('Deltas are whole units.')
      .refine((n) => n !== 0, 'A delta of 0 changes nothing.'),
    idempotencyKey: z.string().min(1).max(200).optional(),
  }),
);

/**
 * A relative stock change. See {@link InventoryAdjustmentSchema}.
 *
 * @category Canonical model
 */
export type InventoryAdjustment = z.infer<typeof InventoryAdjustmentSchema>;
