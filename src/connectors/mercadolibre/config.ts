import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import { MERCADOLIBRE_SITE_IDS } from './sites.js';

const limit = /* @__PURE__ */ lazySchema(() =>
  z.object({ ratePerSecond: z.number().positive(), burst: z.number().int().positive() }),
);
const numericId = (what: string) =>
  z
    .union([z.string(), z.number().int().nonnegative()])
    .transform((value) => String(value))
    .refine((value) => /^[0-9]{1,20}$/.test(value), `Give the numeric ${what}.`);

/**
 * Configuration of the MercadoLibre connector: the site, the seller, the application's
 * credentials and, optionally, the seller's refresh token to seed the token store with.
 *
 * @example
 * ```ts
 * const config = MercadoLibreConfigSchema.parse({
 *   site: 'MLA',
 *   sellerId: 468424240,
 *   credentials: { clientId: '5503910054141466', clientSecret: process.env.ML_CLIENT_SECRET!, refreshToken: 'TG-...' },
 * });
 * ```
 *
 * @category Marketplace
 */
export const MercadoLibreConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The site (country marketplace) the seller sells on; it decides the currency. */
    site: z.enum(MERCADOLIBRE_SITE_IDS, { message: `Give a site id: ${MERCADOLIBRE_SITE_IDS.join(', ')}.` }),
    /** The seller's user id (`user_id` in the token answer, `id` of `/users/me`). */
    sellerId: numericId('seller user id (user_id of the token answer)'),
    /** The application's credentials (DevCenter → your application) and the seller's refresh token. */
    credentials: z.object({
      /** The application id (`client_id`, also the `application_id` of notifications). */
      clientId: numericId('application id (client_id)'),
      /** The application's secret key. */
      clientSecret: z.string().min(1, 'Give the application secret (client_secret).'),
      /**
       * The seller's refresh token. It seeds the token store once (when the store has no record
       * for the connection); afterwards the store holds the rotated one.
       */
      refreshToken: z.string().min(1).optional(),
    }),
    /** Where the seller's tokens are kept in the store (default: the seller id). */
    connectionId: z.string().min(1).optional(),
    /** Endpoint overrides: a proxy or a local simulator. */
    endpoints: z.object({ api: z.string().url().optional(), token: z.string().url().optional() }).default({}),
    /** Budgets per resource family when your application has other limits than the defaults. */
    limits: z
      .object({
        'items-read': limit.optional(),
        'items-write': limit.optional(),
        'user-products': limit.optional(),
        orders: limit.optional(),
        shipments: limit.optional(),
        notifications: limit.optional(),
        users: limit.optional(),
        other: limit.optional(),
      })
      .strict()
      .default({}),
    /** Keep the budgets in the context's store, so that every process of the application shares them (default true). */
    sharedBudget: z.boolean().default(true),
    /**
     * How stock is written: `items` sets `available_quantity` on the item or variation (every
     * seller); `user-products` writes each warehouse of the user product with its `x-version`
     * (multi-warehouse sellers, tag `warehouse_management`), which is compare-and-set; `auto`
     * (default) asks `/users/{id}` once and picks.
     */
    stock: z.enum(['auto', 'items', 'user-products']).default('auto'),
    /** Listing type of created items (default `gold_special`, "Clásica"). */
    listingTypeId: z.string().min(1).default('gold_special'),
    /** Mercado Envíos `service_id` per carrier name, sent with tracking numbers of seller-shipped (ME1) orders. */
    carrierServiceIds: z.record(z.string(), z.number().int().nonnegative()).default({}),
    /** Calls in flight at once for batch work (default 4). */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Retries of throttled and safe failed calls (default 5). */
    retries: z.number().int().min(0).max(20).default(5),
    /** Per-attempt timeout in ms; 0 disables it (tests driving a fake clock). */
    timeoutMs: z.number().int().min(0).default(30_000),
    /** How long the SKU → item index built from the catalog is reused, ms (default 10 minutes). */
    skuIndexTtlMs: z
      .number()
      .int()
      .min(0)
      .default(10 * 60_000),
  }),
);

/**
 * Validated connector configuration (defaults filled in).
 *
 * @example
 * ```ts
 * const config: MercadoLibreConfig = MercadoLibreConfigSchema.parse(input);
 * ```
 *
 * @category Marketplace
 */
export type MercadoLibreConfig = z.output<typeof MercadoLibreConfigSchema>;

/**
 * Connector configuration as the caller writes it.
 *
 * @category Marketplace
 */
export type MercadoLibreConfigInput = z.input<typeof MercadoLibreConfigSchema>;
