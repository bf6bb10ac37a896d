import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';

/**
 * An ISO 8601 timestamp with offset, e.g. `2026-11-22T10:00:00.000Z`.
 *
 * @example
 * ```ts
 * TimestampSchema.parse(new Date().toISOString());
 * ```
 *
 * @category Canonical model
 */
export const TimestampSchema = /* @__PURE__ */ lazySchema(() => z.iso.datetime({ offset: true }));

/** Printable, no leading or trailing whitespace (the rule {@link SkuSchema} and {@link isValidSku} share). */
const SKU_PATTERN = /^(?:[^\s\u0000-\u001f](?:[^\u0000-\u001f]*[^\s\u0000-\u001f])?)?$/;

/**
 * A stock-keeping unit: the seller's own identifier of an offer, 1–100 printable characters.
 *
 * @example
 * ```ts
 * SkuSchema.parse('TSHIRT-RED-M');
 * ```
 *
 * @category Canonical model
 */
export const SkuSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .min(1, 'A SKU cannot be empty.')
    .max(100, 'A SKU has at most 100 characters.')
    .regex(SKU_PATTERN, 'A SKU cannot start or end with whitespace or contain control characters.'),
);

/**
 * Whether `value` is a SKU {@link SkuSchema} accepts, without building a parse result: for
 * code that checks many SKUs it already holds and needs no error message.
 *
 * @example
 * ```ts
 * isValidSku('TSHIRT-RED-M'); // true
 * isValidSku(' padded'); // false
 * ```
 *
 * @category Canonical model
 */
export function isValidSku(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 100 && SKU_PATTERN.test(value);
}

/**
 * A non-negative integer quantity of units.
 *
 * @example
 * ```ts
 * QuantitySchema.parse(12);
 * ```
 *
 * @category Canonical model
 */
export const QuantitySchema = /* @__PURE__ */ lazySchema(() =>
  z.number().int('Quantities are whole units.').min(0, 'Quantities cannot be negative.'),
);
