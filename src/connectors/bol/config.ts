import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import type { AuthHook } from '../../core/auth-hook.js';

const isAuthHook = (value: unknown): value is AuthHook =>
  typeof value === 'object' && value !== null && typeof (value as AuthHook).authorize === 'function';

const url = /* @__PURE__ */ lazySchema(() => z.string().url());
const window = /* @__PURE__ */ lazySchema(() =>
  z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() }),
);

/**
 * The configuration of the bol.com connector. Give the API credentials of the seller account
 * (`clientId`, `clientSecret`, from the seller dashboard's API settings) or an `auth` hook.
 *
 * @example
 * ```ts
 * BolConfigSchema.parse({ clientId: process.env.BOL_CLIENT_ID!, clientSecret: process.env.BOL_CLIENT_SECRET!, environment: 'demo' });
 * ```
 *
 * @category Marketplace
 */
export const BolConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** The API client id. */
      clientId: z.string().min(1).optional(),
      /** The API client secret (never logged, redacted from every error). */
      clientSecret: z.string().min(1).optional(),
      /** Attaches credentials instead of `clientId`/`clientSecret` (an intermediary's token, a test double). */
      auth: z.custom<AuthHook>(isAuthHook, 'Expected an AuthHook ({ authorize(request) }).').optional(),
      /** `production` (default) or `demo`: bol.com's demo environment answers fixed examples and writes nothing. */
      environment: z.enum(['production', 'demo']).default('production'),
      /** Base URL overrides: a proxy or a local simulator. */
      endpoints: z
        .object({ retailer: url.optional(), shared: url.optional(), token: url.optional() })
        .strict()
        .default({}),
      /**
       * Which bol.com field is the canonical SKU: the offer's EAN (default), the retailer's own
       * `reference`, or bol.com's offer id. Writes by SKU look the offer up in the offer index.
       */
      identifier: z.enum(['ean', 'reference', 'offerId']).default('ean'),
      /**
       * `managedByRetailer` of stock writes. `true` (default): bol.com subtracts only orders placed
       * after the write, which is right when the amount you send is what is still sellable
       * (inventory sync). `false`: bol.com subtracts every open order from the amount.
       */
      stockManagedByRetailer: z.boolean().default(true),
      /** Stock above 999 (bol.com's maximum): refuse the item (default) or send 999. */
      stockAboveMaximum: z.enum(['refuse', 'cap']).default('refuse'),
      /** The fulfilment method of offers created without one (`attributes['bol:fulfilment']`). */
      fulfilmentMethod: z.enum(['FBR', 'FBB']).default('FBR'),
      /** The delivery code of FBR offers created without one (`attributes['bol:deliveryCode']`). */
      deliveryCode: z.string().min(1).optional(),
      /** Which orders `listOrders` reads (default `ALL`). */
      ordersFulfilmentMethod: z.enum(['FBR', 'FBB', 'ALL']).default('ALL'),
      /** Carrier names → bol.com transporter codes, on top of the built-in table. */
      transporterCodes: z.record(z.string(), z.string().min(1)).default({}),
      /** Writes in flight at once (default 4). */
      concurrency: z.number().int().min(1).max(32).default(4),
      /** Retries of throttled and safe failed calls (default 5). */
      retries: z.number().int().min(0).max(20).default(5),
      /** Per-attempt timeout, ms (default 30,000; 0 for none). */
      timeoutMs: z.number().int().min(0).default(30_000),
      /** Process status polling: first interval, cap (it doubles in between) and deadline. */
      processStatus: z
        .object({
          pollMs: z.number().int().positive().default(1000),
          maxPollMs: z.number().int().positive().default(30_000),
          deadlineMs: z
            .number()
            .int()
            .positive()
            .default(15 * 60_000),
        })
        .default({ pollMs: 1000, maxPollMs: 30_000, deadlineMs: 15 * 60_000 }),
      /** Window overrides per group (see `BOL_RATE_LIMITS`). */
      limits: z.record(z.string(), window).default({}),
      /** Keep the windows in the context's store so that several processes share them (default true). */
      sharedBudget: z.boolean().default(true),
      /**
       * How old the offer index (SKU → offer id) may be before a SKU missing from it triggers a new
       * offers export (default 1 h). Younger, a miss means the offer does not exist.
       */
      offerIndexTtlMs: z.number().int().positive().default(3_600_000),
      /** A finished offer export is reused for this long instead of requesting a new one (default 10 min). */
      exportReuseMs: z
        .number()
        .int()
        .min(0)
        .default(10 * 60_000),
    })
    // Checked even when other fields are wrong, so that every problem is reported at once.
    .refine((config) => Boolean(config?.auth || (config?.clientId && config?.clientSecret)), {
      path: ['clientId'],
      message: 'Give clientId and clientSecret (seller dashboard → API settings) or an auth hook.',
      when: () => true,
    }),
);

/**
 * The configuration accepted by the bol.com connector (input side of the schema).
 *
 * @example
 * ```ts
 * const config: BolConfig = { clientId: process.env.BOL_CLIENT_ID!, clientSecret: process.env.BOL_CLIENT_SECRET! };
 * ```
 *
 * @category Marketplace
 */
export type BolConfig = z.input<typeof BolConfigSchema>;

/**
 * The configuration after validation, defaults filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedBolConfig = BolConfigSchema.parse({ clientId, clientSecret });
 * resolved.identifier; // 'ean'
 * ```
 *
 * @category Marketplace
 */
export type ResolvedBolConfig = z.output<typeof BolConfigSchema>;
