import type { z } from 'zod';

/**
 * The brand a batch built by marketbridge itself carries when every item was checked, by
 * construction, against a canonical write schema. The symbol is not exported from any entry,
 * so input from outside can never carry it: such batches are always validated.
 */
const CHECKED = Symbol('marketbridge.checkedBatch');

type Branded = { [CHECKED]?: z.ZodType };

/**
 * Marks `items` as already satisfying `schema`, so that `parseBatch` with that very schema
 * does not validate the items a second time (the inventory sync engine builds hundreds of
 * thousands of writes whose every field it has checked). Only for batches marketbridge builds;
 * the mark is a non-enumerable property of the array and never leaves the process.
 *
 * @example
 * ```ts
 * if (items.every(isCheckedSet)) markChecked(items, InventorySetSchema);
 * await marketplace.setInventory(items);
 * ```
 */
export function markChecked<T extends readonly unknown[]>(items: T, schema: z.ZodType): T {
  Object.defineProperty(items, CHECKED, { value: schema, enumerable: false, configurable: true });
  return items;
}

/**
 * The schema a batch was marked with by {@link markChecked}, if any.
 *
 * @example
 * ```ts
 * if (checkedWith(items) === schema) return [...items];
 * ```
 */
export function checkedWith(items: readonly unknown[]): z.ZodType | undefined {
  return (items as Branded)[CHECKED];
}
