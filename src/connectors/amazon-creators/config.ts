import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';

/**
 * The Creators API host, as Amazon's own Creators API SDK sets it (`https://creatorsapi.amazon`,
 * with `POST /catalog/v1/getItems` and `/catalog/v1/searchItems`). The default `endpoint`.
 *
 * @example
 * ```ts
 * const creators = new CreatorsApiClient({ ...config, endpoint: CREATORS_API_ENDPOINT }, context);
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_API_ENDPOINT = 'https://creatorsapi.amazon';

/**
 * The Creators API host.
 *
 * @deprecated Use {@link CREATORS_API_ENDPOINT} (the same URL, now confirmed and the default).
 * @example
 * ```ts
 * CREATORS_API_REPORTED_ENDPOINT === CREATORS_API_ENDPOINT; // true
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_API_REPORTED_ENDPOINT = CREATORS_API_ENDPOINT;

/**
 * Token URLs by credential version, as Amazon's Creators API SDK has them: 2.x credentials
 * use Amazon Cognito pools per region (a form-encoded grant, scope `creatorsapi/default`), 3.x
 * credentials Login with Amazon per region (a JSON grant, scope `creatorsapi::default`).
 * `tokenUrl` overrides them.
 *
 * @example
 * ```ts
 * CREATORS_TOKEN_URLS['3.1']; // 'https://api.amazon.com/auth/o2/token'
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_TOKEN_URLS: Readonly<Record<string, string>> = {
  '2.1': 'https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token',
  '2.2': 'https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token',
  '2.3': 'https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token',
  '3.1': 'https://api.amazon.com/auth/o2/token',
  '3.2': 'https://api.amazon.co.uk/auth/o2/token',
  '3.3': 'https://api.amazon.co.jp/auth/o2/token',
};

/**
 * The OAuth 2.0 scope of a credential version's client-credentials grant.
 *
 * @example
 * ```ts
 * creatorsScope('3.2'); // 'creatorsapi::default'
 * ```
 *
 * @category Marketplace
 */
export function creatorsScope(credentialVersion: string): string {
  return credentialVersion.startsWith('3.') ? 'creatorsapi::default' : 'creatorsapi/default';
}

/**
 * Configuration of the Creators API client.
 *
 * @example
 * ```ts
 * const config = CreatorsConfigSchema.parse({ credentialId: 'id', credentialSecret: 'secret', credentialVersion: '3.1', partnerTag: 'mytag-20', marketplace: 'www.amazon.com' });
 * ```
 *
 * @category Marketplace
 */
export const CreatorsConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    credentialId: z.string().min(1, 'Give the Credential ID from Associates Central → Creators API.'),
    credentialSecret: z.string().min(1, 'Give the Credential Secret (shown once when the credential is created).'),
    /** Credential version: 2.1/3.1 North America, 2.2/3.2 Europe, 2.3/3.3 Far East. */
    credentialVersion: z.enum(['2.1', '2.2', '2.3', '3.1', '3.2', '3.3']),
    /** Associates tracking id, e.g. `mytag-20`. */
    partnerTag: z.string().min(1),
    /** The store host, sent as the `x-marketplace` header, e.g. `www.amazon.de`. */
    marketplace: z
      .string()
      .regex(/^www\.amazon\.[a-z.]+$/, 'Use the store host, e.g. www.amazon.com or www.amazon.co.uk.'),
    /** API base URL (default {@link CREATORS_API_ENDPOINT}; a proxy or a simulator otherwise). */
    endpoint: z
      .string()
      .url('Give the Creators API base URL, e.g. https://creatorsapi.amazon or your proxy.')
      .default(CREATORS_API_ENDPOINT),
    /** Token URL override; default by credential version (CREATORS_TOKEN_URLS). */
    tokenUrl: z.string().url().optional(),
    /**
     * Requests per second granted to your account. The default, 1, is the starting rate PA-API 5
     * documented (it grew with referred sales); the Creators API SDK does not state the rate, so
     * check Associates Central for yours.
     */
    requestsPerSecond: z.number().positive().default(1),
    /** Per-attempt timeout in ms; 0 disables it. */
    timeoutMs: z.number().int().min(0).default(30_000),
  }),
);

/**
 * Validated Creators API configuration.
 *
 * @example
 * ```ts
 * const config: CreatorsConfig = CreatorsConfigSchema.parse(input);
 * ```
 *
 * @category Marketplace
 */
export type CreatorsConfig = z.output<typeof CreatorsConfigSchema>;

/**
 * Creators API configuration as written by the caller.
 *
 * @category Marketplace
 */
export type CreatorsConfigInput = z.input<typeof CreatorsConfigSchema>;
