import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import type { AuthHook } from '../../core/auth-hook.js';
import { SHOPIFY_API_VERSION_PATTERN, SHOPIFY_DEFAULT_API_VERSION } from './api-version.js';
import { normalizeShopDomain } from './shop-domain.js';

const isAuthHook = (value: unknown): value is AuthHook =>
  typeof value === 'object' && value !== null && typeof (value as AuthHook).authorize === 'function';

/**
 * The configuration of the Shopify connector. Give either `accessToken` (an Admin API token)
 * or `auth` (an {@link AuthHook}, e.g. one that refreshes expiring offline tokens).
 *
 * @example
 * ```ts
 * ShopifyConfigSchema.parse({ shop: 'acme.myshopify.com', accessToken: 'shpat_...', plan: 'plus' });
 * ```
 *
 * @category Marketplace
 */
export const ShopifyConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** The shop's myshopify domain (`acme`, `acme.myshopify.com` and its https URL are accepted). */
      shop: z.string().transform((value, ctx) => {
        const result = normalizeShopDomain(value);
        if (result.isOk()) return result.value;
        ctx.addIssue({ code: 'custom', message: result.error.message });
        return z.NEVER;
      }),
      /** An Admin API access token (`shpat_...`). */
      accessToken: z.string().min(1).optional(),
      /** Attaches credentials instead of a static `accessToken`. */
      auth: z.custom<AuthHook>(isAuthHook, 'Expected an AuthHook ({ authorize(request) }).').optional(),
      /** The pinned Admin API version (`YYYY-MM` of a release quarter, or `unstable`). */
      apiVersion: z
        .string()
        .refine(
          (value) => value === 'unstable' || SHOPIFY_API_VERSION_PATTERN.test(value),
          'Use a stable version such as "2026-10" (months 01, 04, 07, 10) or "unstable".',
        )
        .default(SHOPIFY_DEFAULT_API_VERSION),
      /** Replaces `https://{shop}/admin/api/{version}`; a URL ending in `.json` is used as the GraphQL endpoint itself. */
      endpoint: z.string().url().optional(),
      /** The shop's plan: the starting cost budget before the shop reports its own. */
      plan: z.enum(['standard', 'advanced', 'plus', 'enterprise']).default('standard'),
      /** Keep the cost budget in the context store so several processes share it. */
      sharedBudget: z.boolean().default(true),
      /** The location used when an inventory write names none (default: the first active location). */
      locationId: z.string().min(1).optional(),
      /** The shop's currency; read from the shop when omitted. */
      currency: z.string().length(3).optional(),
      /** Calls in flight at once for batch work (default 2). */
      concurrency: z.number().int().min(1).max(16).default(2),
      /** Retries of throttled and safe failed calls (default 5). */
      retries: z.number().int().min(0).max(20).default(5),
      /** Per-attempt timeout, ms (default 30,000). */
      timeoutMs: z.number().int().min(0).default(30_000),
      /** The `reason` of inventory changes (Shopify's list, default `correction`). */
      inventoryReason: z.string().min(1).default('correction'),
      /** A URI identifying the source of inventory changes in the shop's history. */
      referenceDocumentUri: z.string().min(1).optional(),
    })
    // Checked even when other fields are wrong, so that every problem is reported at once.
    .refine((config) => Boolean(config?.accessToken || config?.auth), {
      path: ['accessToken'],
      message: 'Give an Admin API accessToken or an auth hook.',
      when: () => true,
    }),
);

/**
 * The configuration accepted by the Shopify connector (input side of the schema).
 *
 * @example
 * ```ts
 * const config: ShopifyConfig = { shop: 'acme', accessToken: process.env.SHOPIFY_TOKEN! };
 * ```
 *
 * @category Marketplace
 */
export type ShopifyConfig = z.input<typeof ShopifyConfigSchema>;

/**
 * The configuration after validation, defaults filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedShopifyConfig = ShopifyConfigSchema.parse({ shop: 'acme', accessToken });
 * resolved.shop; // 'acme.myshopify.com'
 * ```
 *
 * @category Marketplace
 */
export type ResolvedShopifyConfig = z.output<typeof ShopifyConfigSchema>;

/**
 * An {@link AuthHook} that sends a static Admin API token as `X-Shopify-Access-Token`.
 *
 * @example
 * ```ts
 * const auth = shopifyAccessTokenAuth('shpat_...');
 * ```
 *
 * @category Marketplace
 */
export function shopifyAccessTokenAuth(accessToken: string): AuthHook {
  return {
    authorize(request) {
      request.headers.set('X-Shopify-Access-Token', accessToken);
    },
    secrets: () => [accessToken],
  };
}
