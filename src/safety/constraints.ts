import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { MoneySchema } from '../model/money.js';

const bps = /* @__PURE__ */ lazySchema(() => z.number().int().min(0, 'Basis points cannot be negative.'));

/**
 * The built-in safety constraints, every one optional. Amounts are {@link MoneySchema | Money} (integer minor
 * units); relative limits are basis points (1 % = 100 bp, 100 % = 10,000 bp).
 *
 * @example
 * ```ts
 * SafetyConstraintsSchema.parse({
 *   price: { floor: { amountMinor: 500, currency: 'EUR' }, maxChangePerActionBps: 2000 },
 *   deletes: { maxCount: 50, maxShareBps: 500, maxPerWindow: { maxShareBps: 1000, windowMs: 86_400_000 } },
 * });
 * ```
 *
 * @category Validator
 */
export const SafetyConstraintsSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      price: z
        .object({
          /** No price below this. */
          floor: MoneySchema.optional(),
          /** No price above this. */
          ceiling: MoneySchema.optional(),
          /** No price below cost × this / 10,000 (10,000 = never below cost). Needs the offer's cost. */
          minPriceToCostBps: bps.optional(),
          /** No price above cost × this / 10,000. Needs the offer's cost. */
          maxPriceToCostBps: bps.optional(),
          /** Minimum margin (price − cost) / price, in basis points. Needs the offer's cost. */
          minMarginBps: bps.optional(),
          /** Largest change of one action relative to the current price. */
          maxChangePerActionBps: bps.optional(),
          /** Largest change within a sliding window, relative to the price at the window's start. */
          maxChangePerWindow: z.object({ bps, windowMs: z.number().int().positive() }).strict().optional(),
        })
        .strict()
        .optional(),
      deletes: z
        .object({
          /** Most listings one batch may delete. */
          maxCount: z.number().int().min(0).optional(),
          /** Largest share of the catalog one batch may delete. */
          maxShareBps: bps.optional(),
          /**
           * Caps over a sliding window, counting the executed deletes in the history plus the
           * batch: at most `maxCount` listings, at most `maxShareBps` of the catalog as it was at
           * the window's start (its size now plus what was deleted in the window).
           */
          maxPerWindow: z
            .object({
              maxCount: z.number().int().min(0).optional(),
              maxShareBps: bps.optional(),
              windowMs: z.number().int().positive(),
            })
            .strict()
            .optional(),
        })
        .strict()
        .optional(),
      stock: z
        .object({
          /** Largest share of SKUs one batch may set to zero. */
          maxZeroedShareBps: bps.optional(),
          /** Largest absolute quantity a stock write may set. */
          maxQuantity: z.number().int().min(0).optional(),
          /** Largest size of one adjustment, either direction. */
          maxAdjustment: z.number().int().min(0).optional(),
        })
        .strict()
        .optional(),
      currency: z
        .object({
          /** Prices must be in this currency (defaults to the marketplace's currency when known). */
          expected: z.string().length(3).optional(),
        })
        .strict()
        .optional(),
      platform: z
        .object({
          /** Most revisions of one listing per UTC day (eBay allows 250). */
          revisionsPerListingPerDay: z.number().int().positive().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
);

/**
 * Built-in safety constraints. See {@link SafetyConstraintsSchema}.
 *
 * @category Validator
 */
export type SafetyConstraints = z.infer<typeof SafetyConstraintsSchema>;

/**
 * The constraints that apply when you configure nothing: never below cost (when cost is known),
 * at most ±50 % per action, at most 100 listings or 10 % of the catalog deleted in one batch and
 * at most 10 % of the catalog within any 24 hours, at most 20 % of SKUs zeroed in one batch,
 * stock writes up to 1,000,000 units, and the marketplace's own currency.
 *
 * @example
 * ```ts
 * const strict = { ...DEFAULT_SAFETY_CONSTRAINTS, price: { ...DEFAULT_SAFETY_CONSTRAINTS.price, maxChangePerActionBps: 1000 } };
 * ```
 *
 * @category Validator
 */
export const DEFAULT_SAFETY_CONSTRAINTS: SafetyConstraints = Object.freeze({
  price: { minPriceToCostBps: 10_000, maxChangePerActionBps: 5_000 },
  deletes: { maxCount: 100, maxShareBps: 1_000, maxPerWindow: { maxShareBps: 1_000, windowMs: 86_400_000 } },
  stock: { maxZeroedShareBps: 2_000, maxQuantity: 1_000_000 },
});

/**
 * Constraints that platforms impose themselves, by marketplace name prefix: eBay allows 250
 * revisions of a listing per day.
 *
 * @example
 * ```ts
 * PLATFORM_CONSTRAINTS.ebay?.platform?.revisionsPerListingPerDay; // 250
 * ```
 *
 * @category Validator
 */
export const PLATFORM_CONSTRAINTS: Readonly<Record<string, SafetyConstraints>> = Object.freeze({
  ebay: { platform: { revisionsPerListingPerDay: 250 } },
});

/**
 * Merges constraint layers section by section; later layers win field by field.
 *
 * @example
 * ```ts
 * mergeConstraints(DEFAULT_SAFETY_CONSTRAINTS, { price: { floor: { amountMinor: 100, currency: 'EUR' } } });
 * ```
 *
 * @category Validator
 */
export function mergeConstraints(...layers: readonly (SafetyConstraints | undefined)[]): SafetyConstraints {
  const out: Record<string, Record<string, unknown>> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [section, values] of Object.entries(layer)) {
      if (values === undefined) continue;
      out[section] = { ...(out[section] ?? {}), ...values };
    }
  }
  return out as SafetyConstraints;
}

/**
 * The platform layer for a marketplace name: an exact key of {@link PLATFORM_CONSTRAINTS} or
 * the part before the first dash (`ebay-de` → `ebay`).
 *
 * @example
 * ```ts
 * platformConstraintsFor('ebay-sandbox'); // { platform: { revisionsPerListingPerDay: 250 } }
 * ```
 *
 * @category Validator
 */
export function platformConstraintsFor(marketplace: string | undefined): SafetyConstraints | undefined {
  if (marketplace === undefined) return undefined;
  return PLATFORM_CONSTRAINTS[marketplace] ?? PLATFORM_CONSTRAINTS[marketplace.split('-')[0] ?? ''];
}
