import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import { PLATFORM_CONSTRAINTS } from '../../safety/constraints.js';
import { EBAY_MARKETPLACE_IDS } from './marketplaces.js';
import { EBAY_CONDITIONS } from './mapper/condition.js';
import type { EbayMappingOptions } from './mapper/overrides.js';
import { EBAY_DEFAULT_USER_SCOPES } from './scopes.js';

const isFunction = (value: unknown) => typeof value === 'function';
const hook = <T>(name: string) =>
  z.custom<T>(isFunction, `Expected ${name} to be a function (draft, source) => payload.`).optional();
const conditionEnum = /* @__PURE__ */ lazySchema(() => z.enum(EBAY_CONDITIONS));
const canonicalCondition = /* @__PURE__ */ lazySchema(() => z.enum(['new', 'used', 'refurbished']));
const callLimit = /* @__PURE__ */ lazySchema(() =>
  z.object({ callsPerDay: z.number().int().positive(), burst: z.number().int().positive().optional() }).strict(),
);
const epoch = /* @__PURE__ */ lazySchema(() =>
  z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((value) => Date.parse(value))]),
);

/**
 * The revisions of one listing eBay allows per day, as the safety layer knows it
 * (`PLATFORM_CONSTRAINTS.ebay`).
 *
 * @example
 * ```ts
 * EBAY_REVISIONS_PER_LISTING_PER_DAY; // 250
 * ```
 *
 * @category Marketplace
 */
export const EBAY_REVISIONS_PER_LISTING_PER_DAY: number =
  PLATFORM_CONSTRAINTS.ebay?.platform?.revisionsPerListingPerDay ?? 250;

/**
 * The configuration of the eBay connector, validated whole (every problem is reported at once).
 *
 * @example
 * ```ts
 * EbayConfigSchema.parse({
 *   environment: 'sandbox',
 *   marketplaceId: 'EBAY_US',
 *   credentials: { clientId: 'Acme-App-SBX-1a2b', clientSecret: process.env.EBAY_CERT_ID!, ruName: 'Acme-Acme-SBX-1a2b-abcd', refreshToken: process.env.EBAY_REFRESH_TOKEN },
 *   merchantLocationKey: 'WH-1',
 *   listingPolicies: { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196936000', returnPolicyId: '6196937000' },
 * });
 * ```
 *
 * @category Marketplace
 */
export const EbayConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** `production` (default) or `sandbox` (api.sandbox.ebay.com; test users, no real listings). */
      environment: z.enum(['production', 'sandbox']).default('production'),
      /** The eBay marketplace listings and prices are for (default `EBAY_US`); sets the currency and language. */
      marketplaceId: z.enum(EBAY_MARKETPLACE_IDS).default('EBAY_US'),
      /** The application keyset and the seller's refresh token. */
      credentials: z
        .object({
          /** The App ID (client id). */
          clientId: z.string().min(1, 'Give the App ID (client id) of your eBay keyset.'),
          /** The Cert ID (client secret). */
          clientSecret: z.string().min(1, 'Give the Cert ID (client secret) of your eBay keyset.'),
          /** The RuName (eBay redirect URL name); needed to send sellers through the consent page. */
          ruName: z
            .string()
            .regex(
              /^[A-Za-z0-9._-]{1,255}$/,
              'Use the RuName eBay shows for your redirect URL (letters, digits, ".", "_" and "-"), not the URL itself.',
            )
            .optional(),
          /** The seller's refresh token, when it was obtained elsewhere; seeds the store once. */
          refreshToken: z.string().min(1).optional(),
          /** When that refresh token expires (epoch ms or ISO timestamp); eBay's last 18 months. */
          refreshTokenExpiresAt: epoch.optional(),
        })
        .strict(),
      /** The seller's connection id in the store (default `default`); one per seller account. */
      connectionId: z.string().min(1).default('default'),
      /** The user scopes sellers consent to (default {@link EBAY_DEFAULT_USER_SCOPES}). */
      scopes: z
        .array(z.url())
        .min(1)
        .default([...EBAY_DEFAULT_USER_SCOPES]),
      /** Endpoint overrides: a proxy, or a local simulator. */
      endpoints: z
        .object({ api: z.url().optional(), authorize: z.url().optional(), token: z.url().optional() })
        .strict()
        .default({}),
      /** `Content-Language` of listing writes (default: the marketplace's, e.g. `en-US`). */
      contentLanguage: z
        .string()
        .regex(/^[a-z]{2}-[A-Z]{2}$/, 'Use a locale such as en-US or de-DE.')
        .optional(),
      /** The merchant location offers ship from and stock writes without a location go to. */
      merchantLocationKey: z.string().min(1).max(36).optional(),
      /** The eBay category new offers are listed in when a product names none. */
      categoryId: z.string().regex(/^\d+$/, 'eBay category ids are numeric.').optional(),
      /** The business policies new offers refer to (fulfillment, payment, return). */
      listingPolicies: z
        .object({
          fulfillmentPolicyId: z.string().min(1).optional(),
          paymentPolicyId: z.string().min(1).optional(),
          returnPolicyId: z.string().min(1).optional(),
        })
        .strict()
        .optional(),
      /** Publish offers of `active` products in upsertProducts (default true). */
      publish: z.boolean().default(true),
      /** Call limits per API when eBay granted your application more than the defaults. */
      limits: z
        .object({
          inventory: callLimit.optional(),
          fulfillment: callLimit.optional(),
          notification: callLimit.optional(),
          postOrder: callLimit.optional(),
        })
        .strict()
        .optional(),
      /** Keep the call budgets in the context store so that processes share them (default true). */
      sharedBudget: z.boolean().default(true),
      /** Revisions of one listing allowed in any 24 hours (default 250, eBay's daily limit); `false` turns the guard off. */
      revisionsPerListingPerDay: z
        .union([z.number().int().positive(), z.literal(false)])
        .default(EBAY_REVISIONS_PER_LISTING_PER_DAY),
      /** Calls in flight at once for batch work (default 2). */
      concurrency: z.number().int().min(1).max(16).default(2),
      /** Retries of throttled and safe failed calls (default 5). */
      retries: z.number().int().min(0).max(20).default(5),
      /** Per-attempt timeout in ms (default 30,000; 0 for none). */
      timeoutMs: z.number().int().min(0).default(30_000),
      /** Changes to the product mapping. */
      mapping: z
        .object({
          /** The eBay condition written for each canonical condition. */
          conditions: z
            .object({
              new: conditionEnum.optional(),
              used: conditionEnum.optional(),
              refurbished: conditionEnum.optional(),
            })
            .strict()
            .optional(),
          /** The canonical condition read for eBay conditions. */
          conditionsFromEbay: z.partialRecord(conditionEnum, canonicalCondition).optional(),
          /** Changes the inventory item written for a product. */
          inventoryItem: hook<EbayMappingOptions['inventoryItem']>('inventoryItem'),
          /** Changes the offer written for a product. */
          offer: hook<EbayMappingOptions['offer']>('offer'),
          /** Changes the canonical product read from eBay. */
          product: hook<EbayMappingOptions['product']>('product'),
        })
        .strict()
        .optional(),
    })
    .strict(),
);

/**
 * The configuration as you write it (defaults optional).
 *
 * @example
 * ```ts
 * const config: EbayConfig = { credentials: { clientId, clientSecret, refreshToken } };
 * ```
 *
 * @category Marketplace
 */
export type EbayConfig = z.input<typeof EbayConfigSchema>;

/**
 * The configuration after validation, defaults filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedEbayConfig = EbayConfigSchema.parse(config);
 * resolved.marketplaceId; // 'EBAY_US'
 * ```
 *
 * @category Marketplace
 */
export type ResolvedEbayConfig = z.output<typeof EbayConfigSchema>;
