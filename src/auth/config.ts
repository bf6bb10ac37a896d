import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import { extraParamIssues, RESERVED_AUTHORIZE_PARAMS, RESERVED_TOKEN_PARAMS } from './reserved-params.js';

/**
 * How a platform's OAuth 2.0 endpoints behave and how marketbridge should use them.
 *
 * @example
 * ```ts
 * const mercadolibre: OAuthClientConfig = {
 *   platform: 'mercadolibre',
 *   clientId: process.env.ML_CLIENT_ID!,
 *   clientSecret: process.env.ML_CLIENT_SECRET!,
 *   authorizeUrl: 'https://auth.mercadolibre.com.ar/authorization',
 *   tokenUrl: 'https://api.mercadolibre.com/oauth/token',
 *   redirectUri: 'https://app.example.com/oauth/callback',
 *   clientAuthentication: 'body',
 *   refreshTokenRotation: 'rotating',
 * };
 * ```
 *
 * @category OAuth
 */
export interface OAuthClientConfig {
  /** The platform name (used in keys, events and errors). */
  platform: string;
  /** The OAuth client id. */
  clientId: string;
  /** The client secret (kept out of every error, log and event). */
  clientSecret?: string;
  /** The token endpoint. */
  tokenUrl: string;
  /** The authorisation endpoint (authorisation-code grant). */
  authorizeUrl?: string;
  /** The redirect URI registered with the platform (an eBay RuName when `redirectUriFormat` is `name`). */
  redirectUri?: string;
  /**
   * `url` (default): `redirectUri` must be an absolute http(s) URL. `name`: it is a name the
   * platform resolves to the URL registered with it (eBay's RuName), sent as it is.
   */
  redirectUriFormat?: 'url' | 'name';
  /**
   * Send a PKCE challenge with the authorisation URL and the verifier with the code exchange
   * (default true). Turn off only for platforms that do not support PKCE (eBay).
   */
  pkce?: boolean;
  /**
   * Send the configured `scopes` with refresh-token requests (RFC 6749 §6; eBay requires them).
   * Default false.
   */
  refreshWithScopes?: boolean;
  /** Scopes to request. */
  scopes?: readonly string[];
  /** How the client authenticates at the token endpoint (default `basic`). */
  clientAuthentication?: 'basic' | 'body';
  /**
   * `rotating` (default): every refresh returns a new refresh token and the old one is dead, so
   * a refresh whose outcome is unknown is never repeated with the old token. The outcome is
   * unknown after a timeout, a connection lost after the request was sent, an answer of 408,
   * 425 or any 5xx (the rule of `isUnknownOutcome`), or a 2xx without a usable access token:
   * the connection is then marked `reauth_required` (reason `refresh_outcome_unknown`), its
   * current access token keeps working until it expires, and the user must authorise again. A
   * connection that was never made, or a 429, sends nothing that counts: that refresh is
   * retryable. `reusable`: the refresh token survives refreshes (eBay, Amazon LWA), so a failed
   * refresh is a retryable `AuthError` whatever the outcome.
   */
  refreshTokenRotation?: 'rotating' | 'reusable';
  /** Refresh this long before expiry, capped at half the token's lifetime (default 60 s). */
  earlyRefreshMs?: number;
  /**
   * Lifetime to assume when the platform omits `expires_in` or sends something non-numeric
   * (default: none, the token is used until the platform answers 401). A numeric `expires_in`,
   * and this default, are clamped to 60 s … 365 days (`MIN_TOKEN_LIFETIME_SECONDS`,
   * `MAX_TOKEN_LIFETIME_SECONDS`): 0, negative values and `-Infinity` count as 60 s, `1e306` or
   * `Infinity` as 365 days, so a broken answer can neither make every call refresh nor store an
   * expiry JSON cannot hold.
   */
  defaultExpiresInSeconds?: number;
  /** Token request timeout (default 10 s; 0 for none); must be shorter than `lockTtlMs`. */
  requestTimeoutMs?: number;
  /** How long the refresh lock is held at most (default 30 s). */
  lockTtlMs?: number;
  /** How long a caller waits for another process's refresh (default 30 s). */
  lockWaitMs?: number;
  /** Lifetime of an authorisation `state` (default 10 minutes). */
  stateTtlMs?: number;
  /**
   * Extra parameters for every token request (e.g. Amazon LWA grantless `scope`). The
   * parameters marketbridge sets (`RESERVED_TOKEN_PARAMS`: grant, code, refresh token, PKCE
   * verifier, client credentials) are refused with a `ValidationError`.
   */
  extraTokenParams?: Readonly<Record<string, string>>;
  /**
   * Extra parameters for the authorisation URL (e.g. `prompt`). The parameters marketbridge
   * sets (`RESERVED_AUTHORIZE_PARAMS`: `state`, `code_challenge`, `code_challenge_method`,
   * `response_type`, `client_id`, `redirect_uri`) are refused with a `ValidationError`; a
   * `scope` here is sent only when no `scopes` are configured.
   */
  extraAuthorizeParams?: Readonly<Record<string, string>>;
}

/**
 * The config with defaults filled in.
 *
 * @example
 * ```ts
 * const resolved: ResolvedOAuthConfig = resolveOAuthConfig(config);
 * ```
 */
export type ResolvedOAuthConfig = Required<
  Omit<OAuthClientConfig, 'clientSecret' | 'authorizeUrl' | 'redirectUri' | 'defaultExpiresInSeconds'>
> &
  Pick<OAuthClientConfig, 'clientSecret' | 'authorizeUrl' | 'redirectUri' | 'defaultExpiresInSeconds'>;

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Validates an OAuth config once, reporting every problem together.
 *
 * @example
 * ```ts
 * const resolved = resolveOAuthConfig({ platform: 'bol', clientId, clientSecret, tokenUrl });
 * ```
 */
export function resolveOAuthConfig(config: OAuthClientConfig): ResolvedOAuthConfig {
  const issues: ValidationIssue[] = [];
  const text = (name: keyof OAuthClientConfig, required: boolean) => {
    const value = config?.[name];
    if ((required || value !== undefined) && (typeof value !== 'string' || value === ''))
      issues.push({ path: [name], message: 'Expected a non-empty string.' });
  };
  text('platform', true);
  text('clientId', true);
  text('clientSecret', false);
  if (!isUrl(config?.tokenUrl)) issues.push({ path: ['tokenUrl'], message: 'Expected an absolute http(s) URL.' });
  const redirectUriFormat = config?.redirectUriFormat ?? 'url';
  if (redirectUriFormat !== 'url' && redirectUriFormat !== 'name')
    issues.push({ path: ['redirectUriFormat'], message: 'Use "url" or "name".' });
  if (config?.authorizeUrl !== undefined && !isUrl(config.authorizeUrl))
    issues.push({ path: ['authorizeUrl'], message: 'Expected an absolute http(s) URL.' });
  if (config?.redirectUri !== undefined) {
    if (redirectUriFormat === 'name') {
      if (typeof config.redirectUri !== 'string' || !/^[A-Za-z0-9._-]{1,255}$/.test(config.redirectUri)) {
        issues.push({
          path: ['redirectUri'],
          message: 'Expected the registered redirect name (letters, digits, ".", "_" and "-"), such as an eBay RuName.',
        });
      }
    } else if (!isUrl(config.redirectUri))
      issues.push({ path: ['redirectUri'], message: 'Expected an absolute http(s) URL.' });
  }
  for (const name of ['pkce', 'refreshWithScopes'] as const) {
    if (config?.[name] !== undefined && typeof config[name] !== 'boolean')
      issues.push({ path: [name], message: 'Expected true or false.' });
  }
  const ms = (
    name: 'earlyRefreshMs' | 'requestTimeoutMs' | 'lockTtlMs' | 'lockWaitMs' | 'stateTtlMs' | 'defaultExpiresInSeconds',
    fallback: number | undefined,
    min = 1,
  ) => {
    const value = config?.[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      issues.push({ path: [name], message: `Expected an integer ≥ ${min}.` });
      return fallback;
    }
    return value;
  };
  const requestTimeoutMs = ms('requestTimeoutMs', 10_000, 0) as number;
  const lockTtlMs = ms('lockTtlMs', 30_000) as number;
  if (requestTimeoutMs >= lockTtlMs)
    issues.push({
      path: ['requestTimeoutMs'],
      message: 'Must be shorter than lockTtlMs, or two refreshes could overlap.',
    });
  const rotation = config?.refreshTokenRotation ?? 'rotating';
  if (rotation !== 'rotating' && rotation !== 'reusable')
    issues.push({ path: ['refreshTokenRotation'], message: 'Use "rotating" or "reusable".' });
  issues.push(...extraParamIssues(config?.extraTokenParams, RESERVED_TOKEN_PARAMS, ['extraTokenParams']));
  issues.push(...extraParamIssues(config?.extraAuthorizeParams, RESERVED_AUTHORIZE_PARAMS, ['extraAuthorizeParams']));
  const auth = config?.clientAuthentication ?? 'basic';
  if (auth !== 'basic' && auth !== 'body')
    issues.push({ path: ['clientAuthentication'], message: 'Use "basic" or "body".' });
  const resolved: ResolvedOAuthConfig = {
    platform: config?.platform,
    clientId: config?.clientId,
    tokenUrl: config?.tokenUrl,
    scopes: config?.scopes ?? [],
    clientAuthentication: auth,
    refreshTokenRotation: rotation,
    redirectUriFormat,
    pkce: config?.pkce ?? true,
    refreshWithScopes: config?.refreshWithScopes ?? false,
    earlyRefreshMs: ms('earlyRefreshMs', 60_000, 0) as number,
    requestTimeoutMs,
    lockTtlMs,
    lockWaitMs: ms('lockWaitMs', 30_000, 0) as number,
    stateTtlMs: ms('stateTtlMs', 10 * 60_000) as number,
    extraTokenParams: config?.extraTokenParams ?? {},
    extraAuthorizeParams: config?.extraAuthorizeParams ?? {},
  };
  if (config?.clientSecret !== undefined) resolved.clientSecret = config.clientSecret;
  if (config?.authorizeUrl !== undefined) resolved.authorizeUrl = config.authorizeUrl;
  if (config?.redirectUri !== undefined) resolved.redirectUri = config.redirectUri;
  const fallbackLifetime = ms('defaultExpiresInSeconds', undefined);
  if (fallbackLifetime !== undefined) resolved.defaultExpiresInSeconds = fallbackLifetime;
  if (issues.length > 0) throw new ValidationError(`OAuth config for "${String(config?.platform)}"`, issues);
  return resolved;
}
