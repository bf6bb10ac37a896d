import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { SkuSchema } from './scalars.js';
import { PriceSchema } from './money.js';
import { CancelOrderRequestSchema } from './order.js';
import { ProductInputSchema } from './product.js';
import { ShipmentSchema } from './shipment.js';

/** Fields every action shares (built inside the action schema's builder, on first use). */
const base = () => ({
  /** An id for tracing the action through validation, execution and logs. */
  id: z.string().optional(),
  /** The marketplace to act on, when the caller manages several. */
  marketplace: z.string().optional(),
});

/**
 * The vocabulary agents and hosts use to act on a marketplace. Each action maps to one
 * canonical operation; the safety layer validates, executes, verifies and rolls back actions.
 *
 * @example
 * ```ts
 * MarketplaceActionSchema.parse({ type: 'set_price', sku: 'A-1', price: { amountMinor: 1299, currency: 'EUR' } });
 * MarketplaceActionSchema.parse({ type: 'adjust_inventory', sku: 'A-1', delta: -1 });
 * ```
 *
 * @category Canonical model
 */
export const MarketplaceActionSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ ...base(), type: z.literal('set_price'), sku: SkuSchema, price: PriceSchema }),
    z.object({
      ...base(),
      type: z.literal('set_inventory'),
      sku: SkuSchema,
      locationId: z.string().optional(),
      quantity: z.number().int().min(0),
    }),
    z.object({
      ...base(),
      type: z.literal('adjust_inventory'),
      sku: SkuSchema,
      locationId: z.string().optional(),
      delta: z
        .number()
        .int()
        .refine((n) => n !== 0, 'A delta of 0 changes nothing.'),
    }),
    z.object({ ...base(), type: z.literal('create_listing'), product: ProductInputSchema }),
    z.object({ ...base(), type: z.literal('update_listing'), product: ProductInputSchema.required({ id: true }) }),
    z.object({ ...base(), type: z.literal('delete_listings'), productIds: z.array(z.string().min(1)).min(1) }),
    z.object({ ...base(), type: z.literal('confirm_shipment'), shipment: ShipmentSchema }),
    z.object({ ...base(), type: z.literal('cancel_order'), request: CancelOrderRequestSchema }),
    z.object({ ...base(), type: z.literal('acknowledge_orders'), orderIds: z.array(z.string().min(1)).min(1) }),
  ]),
);

/**
 * An action on a marketplace. See {@link MarketplaceActionSchema}.
 *
 * @category Canonical model
 */
export type MarketplaceAction = z.infer<typeof MarketplaceActionSchema>;

/**
 * The `type` of a {@link MarketplaceAction}.
 *
 * @category Canonical model
 */
export type MarketplaceActionType = MarketplaceAction['type'];
