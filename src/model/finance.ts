import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { TimestampSchema } from './scalars.js';
import { MoneySchema } from './money.js';

/**
 * The kind of a money movement.
 *
 * @example
 * ```ts
 * FinancialEventTypeSchema.parse('fee');
 * ```
 *
 * @category Canonical model
 */
export const FinancialEventTypeSchema = /* @__PURE__ */ lazySchema(() =>
  z.enum(['sale', 'refund', 'fee', 'payout', 'adjustment']),
);

/**
 * A money movement on the seller's marketplace account: a sale, a refund, a fee, a payout.
 * Amounts are signed from the seller's point of view (fees and refunds are negative).
 *
 * @example
 * ```ts
 * FinancialEventSchema.parse({
 *   id: 'F1', type: 'fee', orderId: '1001', amount: { amountMinor: -150, currency: 'EUR' },
 *   occurredAt: '2026-11-22T10:00:00.000Z',
 * });
 * ```
 *
 * @category Canonical model
 */
export const FinancialEventSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string().min(1),
    type: FinancialEventTypeSchema,
    orderId: z.string().optional(),
    amount: MoneySchema,
    occurredAt: TimestampSchema,
    description: z.string().optional(),
  }),
);

/**
 * A money movement. See {@link FinancialEventSchema}.
 *
 * @category Canonical model
 */
export type FinancialEvent = z.infer<typeof FinancialEventSchema>;
