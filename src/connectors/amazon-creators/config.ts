import { z } from 'zod';

/**
 * The base URL publicly reported for the Creators API (`POST /catalog/v1/getItems`,
 * `/catalog/v1/searchItems`). Amazon publishes no machine-readable contract for it, so the
 * connector does not assume it: pass it (or your proxy) as `endpoint` yourself.
 *
 * @example
 * ```ts
 * const creators = new CreatorsApiClient({ ...config, endpoint: CREATORS_API_REPORTED_ENDPOINT }, context);
 * ```
 */
export const CREATORS_API_REPORTED_ENDPOINT = 'https://creatorsapi.amazon';

/**
 * Token URLs by credential version as publicly reported: 2.x credentials use Amazon Cognito
 * pools per region, 3.x credentials Login with Amazon per region. Not confirmed against an
 * official specification; `tokenUrl` overrides them.
 *
 * @example
 * ```ts
 * CREATORS_TOKEN_URLS['3.1']; // 'https://api.amazon.com/auth/o2/token'
 * ```
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
 * Configuration of the Creators API client.
 *
 * @example
 * ```ts
 * const config = CreatorsConfigSchema.parse({ credentialId: 'id', credentialSecret: 'secret', credentialVersion: '3.1', partnerTag: 'mytag-20', marketplace: 'www.amazon.com', endpoint: CREATORS_API_REPORTED_ENDPOINT });
 * ```
 */
export const CreatorsConfigSchema = z.object({
  credentialId: z.string().min(1, 'Give the Credential ID from Associates Central → Creators API.'),
  credentialSecret: z.string().min(1, 'Give the Credential Secret (shown once when the credential is created).'),
  /** Credential version: 2.1/3.1 North America, 2.2/3.2 Europe, 2.3/3.3 Far East. */
  credentialVersion: z.enum(['2.1', '2.2', '2.3', '3.1', '3.2', '3.3']),
  /** Associates tracking id, e.g. `mytag-20`. */
  partnerTag: z.string().min(1),
  /** The store host, sent as `x-marketplace` and `marketplace`, e.g. `www.amazon.de`. */
  marketplace: z.string().regex(/^www\.amazon\.[a-z.]+$/, 'Use the store host, e.g. www.amazon.com or www.amazon.co.uk.'),
  /** API base URL. Required: see CREATORS_API_REPORTED_ENDPOINT. */
  endpoint: z.string().url('Give the Creators API base URL explicitly (CREATORS_API_REPORTED_ENDPOINT or your proxy).'),
  /** Token URL override; default by credential version (CREATORS_TOKEN_URLS). */
  tokenUrl: z.string().url().optional(),
  /** Requests per second granted to your account (starts at 1, grows with sales). */
  requestsPerSecond: z.number().positive().default(1),
  /** Per-attempt timeout in ms; 0 disables it. */
  timeoutMs: z.number().int().min(0).default(30_000),
});

/**
 * Validated Creators API configuration.
 *
 * @example
 * ```ts
 * const config: CreatorsConfig = CreatorsConfigSchema.parse(input);
 * ```
 */
export type CreatorsConfig = z.output<typeof CreatorsConfigSchema>;

/**
 * Creators API configuration as written by the caller.
 *
 * @example
 * ```ts
 * const input: CreatorsConfigInput = { credentialId, credentialSecret, credentialVersion: '3.2', partnerTag, marketplace: 'www.amazon.de', endpoint };
 * ```
 */
export type CreatorsConfigInput = z.input<typeof CreatorsConfigSchema>;
