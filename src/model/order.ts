import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { AddressSchema } from './address.js';
import { SkuSchema, TimestampSchema } from './scalars.js';
import { MoneySchema } from './money.js';

/**
 * Where an order is in its life.
 *
 * @example
 * ```ts
 * OrderStatusSchema.parse('unshipped');
 * ```
 *
 * @category Canonical model
 */
export const OrderStatusSchema = /* @__PURE__ */ lazySchema(() =>
  z.enum(['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered', 'cancelled']),
);

/**
 * Where an order is in its life. See {@link OrderStatusSchema}.
 *
 * @category Canonical model
 */
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/**
 * One line of an order.
 *
 * @example
 * ```ts
 * LineItemSchema.parse({ id: 'L1', sku: 'A-1', quantity: 2, unitPrice: { amountMinor: 500, currency: 'EUR' } });
 * ```
 *
 * @category Canonical model
 */
export const LineItemSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string().min(1),
    sku: SkuSchema,
    title: z.string().optional(),
    quantity: z.number().int().positive(),
    unitPrice: MoneySchema,
    quantityShipped: z.number().int().min(0).default(0),
    quantityCancelled: z.number().int().min(0).default(0),
  }),
);

/**
 * One line of an order. See {@link LineItemSchema}.
 *
 * @category Canonical model
 */
export type LineItem = z.infer<typeof LineItemSchema>;

/**
 * An order's money totals.
 *
 * @example
 * ```ts
 * const eur = (n: number) => ({ amountMinor: n, currency: 'EUR' });
 * OrderTotalsSchema.parse({ subtotal: eur(1000), shipping: eur(0), tax: eur(210), total: eur(1210) });
 * ```
 *
 * @category Canonical model
 */
export const OrderTotalsSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    subtotal: MoneySchema,
    shipping: MoneySchema,
    tax: MoneySchema,
    total: MoneySchema,
  }),
);

/**
 * A marketplace order.
 *
 * @example
 * ```ts
 * const orders = marketplace.listOrders({ since: '2026-11-01T00:00:00.000Z' });
 * for await (const order of orders) OrderSchema.parse(order);
 * ```
 *
 * @category Canonical model
 */
export const OrderSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string().min(1),
    marketplace: z.string().min(1),
    status: OrderStatusSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    acknowledged: z.boolean().default(false),
    currency: z.string().length(3),
    lineItems: z.array(LineItemSchema).min(1),
    totals: OrderTotalsSchema,
    shippingAddress: AddressSchema.optional(),
    buyer: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
);

/**
 * A marketplace order. See {@link OrderSchema}.
 *
 * @category Canonical model
 */
export type Order = z.infer<typeof OrderSchema>;

/**
 * A request to cancel an order, whole or some lines.
 *
 * @example
 * ```ts
 * CancelOrderRequestSchema.parse({ orderId: '1001', reason: 'out_of_stock' });
 * ```
 *
 * @category Canonical model
 */
export const CancelOrderRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    orderId: z.string().min(1),
    reason: z.string().min(1).default('seller_cancelled'),
    /** Lines and quantities to cancel; omitted: everything not yet shipped. */
    lineItems: z.array(z.object({ lineItemId: z.string().min(1), quantity: z.number().int().positive() })).optional(),
  }),
);

/**
 * A request to cancel an order. See {@link CancelOrderRequestSchema}.
 *
 * @category Canonical model
 */
export type CancelOrderRequest = z.input<typeof CancelOrderRequestSchema>;
