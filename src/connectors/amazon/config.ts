import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';

/**
 * Configuration of the Amazon SP-API connector.
 *
 * @example
 * ```ts
 * const config = AmazonConfigSchema.parse({
 *   region: 'eu', sellerId: 'A1SELLER', marketplaceId: 'A1PA6795UKMFR9',
 *   credentials: { clientId: 'amzn1.application-oa2-client.x', clientSecret: 'secret', refreshToken: 'Atzr|x' },
 * });
 * ```
 *
 * @category Marketplace
 */
export const AmazonConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The SP-API region of the seller's stores. */
    region: z.enum(['na', 'eu', 'fe']).default('na'),
    /** Use the static sandbox endpoints (canned answers, no real data). */
    sandbox: z.boolean().default(false),
    /** The seller (merchant) id. */
    sellerId: z.string().min(1, 'Give the seller id (Seller Central → Account info → Merchant token).'),
    /** The store this instance works in, e.g. `ATVPDKIKX0DER` (US). */
    marketplaceId: z.string().min(1, 'Give a marketplace id such as ATVPDKIKX0DER; see AMAZON_MARKETPLACES.'),
    /** Login with Amazon application credentials and the seller's refresh token. */
    credentials: z.object({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      refreshToken: z.string().min(1).optional(),
    }),
    /** Endpoint overrides: a proxy, a sandbox or a local simulator. */
    endpoints: z.object({ api: z.string().url().optional(), token: z.string().url().optional() }).default({}),
    /** Usage plan overrides per operation, when Amazon granted your app more. */
    limits: z
      .record(z.string(), z.object({ rate: z.number().positive(), burst: z.number().int().positive() }))
      .optional(),
    /** The product type used in listing patches when a SKU's own is unknown. */
    productType: z.string().min(1).default('PRODUCT'),
    /** Batches of at least this many items go through JSON_LISTINGS_FEED instead of one patch per SKU. */
    feedThreshold: z.number().int().positive().default(500),
    /** How often feeds and reports are polled (ms). */
    pollIntervalMs: z.number().int().positive().default(30_000),
    /** Per-attempt timeout in ms; 0 disables it (tests driving a fake clock). */
    timeoutMs: z.number().int().min(0).default(30_000),
    /**
     * Read buyer name, email and shipping address in getOrder/listOrders (Orders 2026-01-01:
     * `includedData` BUYER and RECIPIENT, which need the seller's restricted roles; v0: extra calls
     * with Restricted Data Tokens).
     */
    includeBuyerData: z.boolean().default(false),
    /**
     * The Orders API version that reads orders: `2026-01-01` (default; one call per page of
     * orders, items included) or `v0` (getOrders plus getOrderItems per order). Shipment
     * confirmation always uses v0, which 2026-01-01 does not replace.
     */
    ordersApi: z.enum(['2026-01-01', 'v0']).default('2026-01-01'),
    /**
     * The Finances API version behind listFinancialEvents: `2024-06-19` (default;
     * `listTransactions`, one event per transaction with its net amount) or `v0`
     * (`listFinancialEvents`, sales and fees as separate events).
     */
    financesApi: z.enum(['2024-06-19', 'v0']).default('2024-06-19'),
  }),
);

/**
 * Validated connector configuration.
 *
 * @example
 * ```ts
 * const config: AmazonConfig = AmazonConfigSchema.parse(input);
 * ```
 *
 * @category Marketplace
 */
export type AmazonConfig = z.output<typeof AmazonConfigSchema>;

/**
 * Connector configuration as the caller writes it (defaults optional).
 *
 * @category Marketplace
 */
export type AmazonConfigInput = z.input<typeof AmazonConfigSchema>;
