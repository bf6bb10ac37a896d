import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { OPERATIONS } from '../core/capabilities.js';
import { isCurrencyCode } from '../model/currency.js';

/**
 * Kinds of failure the simulated marketplace can inject:
 * - `server_error`: a 503 before anything is applied (retryable);
 * - `rate_limited`: a 429 before anything is applied;
 * - `timeout`: no answer, nothing applied;
 * - `lost_response`: the write is applied, then the answer is lost (a timeout) — the outcome is
 *   unknown to the caller until it reads back;
 * - `partial_write`: the first `applied` items of the call are applied, then a 500.
 *
 * @category Simulated marketplace
 */
export type SimulatedFailureKind = 'server_error' | 'rate_limited' | 'timeout' | 'lost_response' | 'partial_write';

const FailureSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The operation whose call fails. */
    operation: z.enum(OPERATIONS),
    /** Which call of that operation fails, counting from 1. */
    call: z.number().int().positive(),
    kind: z.enum(['server_error', 'rate_limited', 'timeout', 'lost_response', 'partial_write']),
    /** For `partial_write`: how many items are applied before the failure. */
    applied: z.number().int().min(0).default(0),
  }),
);

/**
 * Configuration of the simulated marketplace. Every field has a default, so `{}` is valid.
 *
 * @example
 * ```ts
 * SimulatedConfigSchema.parse({
 *   name: 'sim-eu', seed: 7, currency: 'EUR', products: 200,
 *   rateLimit: { ratePerSecond: 20, burst: 40 },
 *   orders: { perHour: 120 },
 *   failures: { rate: 0.01, schedule: [{ operation: 'setInventory', call: 3, kind: 'partial_write', applied: 10 }] },
 * });
 * ```
 *
 * @category Simulated marketplace
 */
export const SimulatedConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** The platform name this instance reports (several instances can coexist). */
      name: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,62}$/, 'Use lower-case letters, digits and dashes.')
        .default('simulated'),
      /** Seed of every random choice: equal seeds and equal calls give equal results. */
      seed: z.number().int().default(1),
      currency: z.string().refine(isCurrencyCode, 'Unknown ISO 4217 currency code.').default('EUR'),
      /** How many products to generate. */
      products: z.number().int().min(0).max(1_000_000).default(25),
      /** Offers (variants) per generated product. */
      variantsPerProduct: z
        .object({ min: z.number().int().min(1), max: z.number().int().min(1) })
        .default({ min: 1, max: 3 }),
      /** Location ids; the first is the default location. */
      locations: z.array(z.string().min(1)).min(1).default(['default']),
      /** Initial available stock per SKU and location. */
      initialStock: z
        .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
        .default({ min: 0, max: 50 }),
      /** The largest page a list call returns. */
      pageSize: z.number().int().min(1).max(10_000).default(50),
      /** The largest number of items one write call takes; bigger batches are split into calls. */
      maxBatchSize: z.number().int().min(1).max(100_000).default(100),
      /** Simulated network latency of each call. */
      latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }).default({ min: 0, max: 0 }),
      /** The marketplace's token bucket (one token per call), or `false` for no limit. */
      rateLimit: z
        .union([
          z.literal(false),
          z.object({ ratePerSecond: z.number().positive(), burst: z.number().int().positive() }),
        ])
        .default({ ratePerSecond: 50, burst: 100 }),
      /** Out of tokens: wait for one (as a well-behaved client would) or reject with a 429. */
      onRateLimit: z.enum(['wait', 'reject']).default('wait'),
      /** Buyers: orders arrive at random at this average rate, in the injected clock's time. */
      orders: z
        .object({
          perHour: z.number().min(0).default(0),
          maxLines: z.number().int().min(1).default(3),
          maxUnitsPerLine: z.number().int().min(1).default(3),
        })
        .default({ perHour: 0, maxLines: 3, maxUnitsPerLine: 3 }),
      /** Marketplace commission on each sale, in basis points (1 % = 100). */
      commissionBps: z.number().int().min(0).max(10_000).default(1_200),
      /** Injected failures: a random rate of `server_error`, and/or a schedule. */
      failures: z
        .object({ rate: z.number().min(0).max(1).default(0), schedule: z.array(FailureSchema).default([]) })
        .default({ rate: 0, schedule: [] }),
    })
    .strict()
    .superRefine((config, ctx) => {
      for (const key of ['variantsPerProduct', 'initialStock', 'latencyMs'] as const) {
        if (config[key].min > config[key].max)
          ctx.addIssue({ code: 'custom', path: [key], message: 'min must not exceed max.' });
      }
      if (new Set(config.locations).size !== config.locations.length) {
        ctx.addIssue({ code: 'custom', path: ['locations'], message: 'Location ids must be unique.' });
      }
    }),
);

/**
 * Configuration of the simulated marketplace, as written (defaults optional).
 *
 * @example
 * ```ts
 * const config: SimulatedConfig = { seed: 3, products: 10 };
 * ```
 *
 * @category Simulated marketplace
 */
export type SimulatedConfig = z.input<typeof SimulatedConfigSchema>;

/**
 * Configuration of the simulated marketplace with defaults applied.
 *
 * @example
 * ```ts
 * const resolved: ResolvedSimulatedConfig = SimulatedConfigSchema.parse({});
 * ```
 *
 * @category Simulated marketplace
 */
export type ResolvedSimulatedConfig = z.output<typeof SimulatedConfigSchema>;
