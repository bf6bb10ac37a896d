import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';

/** Fields every action shares (built inside the action schema's builder, on first use). */
const common = () => ({
  /** An id for tracing (also accepted as `action_id`). */
  id: z.string().min(1).optional(),
  action_id: z.string().min(1).optional(),
  /** The connection to act on, when several are open. */
  marketplace: z.string().min(1).optional(),
});
const sku = /* @__PURE__ */ lazySchema(() => z.string().min(1, 'Give the product_sku.'));

/**
 * The action vocabulary of simulators such as FBA-Bench, accepted as an input dialect next to
 * `MarketplaceActionSchema` (from `marketbridge`): snake_case fields, SKUs as `product_sku`, prices as decimal
 * numbers in major units (`29.99`), deletes as a `count`. Fields the dialect does not know
 * (an agent's `reasoning`, `confidence`, ...) are ignored.
 *
 * | dialect | becomes |
 * | --- | --- |
 * | `{ type: 'set_price', product_sku, new_price, currency? }` | `set_price` with `price` in minor units |
 * | `{ type: 'adjust_inventory', product_sku, quantity_change }` | `adjust_inventory` |
 * | `{ type: 'set_inventory', product_sku, quantity }` | `set_inventory` |
 * | `{ type: 'bulk_delete', count, product_ids? }` | `delete_listings` (without ids it can be checked, never executed) |
 *
 * @example
 * ```ts
 * SimulationDialectActionSchema.parse({ type: 'set_price', product_sku: 'FBA-PRODUCT-001', new_price: 29.99 });
 * SimulationDialectActionSchema.parse({ type: 'bulk_delete', count: 1000 });
 * ```
 *
 * @category Validator
 */
export const SimulationDialectActionSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({
      ...common(),
      type: z.literal('set_price'),
      product_sku: sku,
      /** The new price in major units, as a JSON number (`29.99`) or decimal string (`"29.99"`). */
      new_price: z.union([z.number(), z.string()]),
      /** ISO 4217 currency of `new_price` (default: the connection's). */
      currency: z.string().length(3).optional(),
    }),
    z.object({
      ...common(),
      type: z.literal('adjust_inventory'),
      product_sku: sku,
      quantity_change: z
        .number()
        .int()
        .refine((n) => n !== 0, 'A quantity_change of 0 changes nothing.'),
    }),
    z.object({ ...common(), type: z.literal('set_inventory'), product_sku: sku, quantity: z.number().int().min(0) }),
    z.object({
      ...common(),
      type: z.literal('bulk_delete'),
      /** How many listings to delete. */
      count: z.number().int().positive(),
      /** Which ones; without them the action can be checked against the caps but not executed. */
      product_ids: z.array(z.string().min(1)).min(1).optional(),
    }),
  ]),
);

/**
 * An action in the simulation dialect. See {@link SimulationDialectActionSchema}.
 *
 * @category Validator
 */
export type SimulationDialectAction = z.input<typeof SimulationDialectActionSchema>;

const MARKERS = ['product_sku', 'new_price', 'quantity_change', 'product_ids'];

/**
 * Whether `input` is written in the simulation dialect rather than as a
 * `MarketplaceAction`: a `bulk_delete`, or an action with a dialect field
 * (`product_sku`, `new_price`, `quantity_change`, `product_ids`).
 *
 * @example
 * ```ts
 * isSimulationDialect({ type: 'set_price', product_sku: 'A', new_price: 1 }); // true
 * isSimulationDialect({ type: 'set_price', sku: 'A', price: { amountMinor: 100, currency: 'EUR' } }); // false
 * ```
 *
 * @category Validator
 */
export function isSimulationDialect(input: unknown): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  const record = input as Record<string, unknown>;
  return record.type === 'bulk_delete' || MARKERS.some((key) => Object.hasOwn(record, key));
}
