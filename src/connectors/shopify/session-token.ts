import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../core/result.js';
import { fromBase64Url, fromUtf8, utf8 } from '../../core/bytes.js';

/**
 * Seconds of clock difference tolerated on a session token's `exp` and `nbf`, both ways (the
 * value Shopify's own libraries use).
 *
 * @example
 * ```ts
 * SHOPIFY_SESSION_TOKEN_CLOCK_TOLERANCE_SECONDS; // 10
 * ```
 *
 * @category Authorization
 */
export const SHOPIFY_SESSION_TOKEN_CLOCK_TOLERANCE_SECONDS = 10;

/**
 * Why a session token was refused.
 *
 * @category Authorization
 */
export type ShopifySessionTokenFailureReason =
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'signature_mismatch'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'audience_mismatch'
  | 'shop_mismatch';

/**
 * The claims of a verified App Bridge session token, with the shop it was issued for.
 *
 * @category Authorization
 */
export interface ShopifySessionTokenClaims {
  /** `https://{shop}/admin`. */
  iss: string;
  /** `https://{shop}`. */
  dest: string;
  /** The app's client id. */
  aud: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Not valid before, seconds since the epoch. */
  nbf: number;
  iat?: number;
  jti?: string;
  /** The staff member (user id). */
  sub?: string;
  sid?: string;
  /** The shop's myshopify domain, from `dest`. */
  shop: string;
  [claim: string]: unknown;
}

/**
 * What {@link verifyShopifySessionToken} checks against.
 *
 * @example
 * ```ts
 * const options: ShopifySessionTokenOptions = { clientId, clientSecret, shop: 'acme.myshopify.com', now: Date.now() };
 * ```
 *
 * @category Authorization
 */
export interface ShopifySessionTokenOptions {
  /** The app's client id: the token's `aud`. */
  clientId: string;
  /** The app's client secret: the HS256 key. */
  clientSecret: string;
  /** When given, `dest` must be this shop. */
  shop?: string;
  /** Now, epoch milliseconds. */
  now: number;
  /** Default {@link SHOPIFY_SESSION_TOKEN_CLOCK_TOLERANCE_SECONDS}. */
  clockToleranceSeconds?: number;
}

function json(part: string): Record<string, unknown> | undefined {
  const bytes = fromBase64Url(part);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(fromUtf8(bytes));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: unknown, path: string): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)(\/.*)?$/.exec(url);
  return match && (match[2] ?? '') === path ? match[1] : undefined;
}

/**
 * Verifies a session token (App Bridge's ID token) as Shopify documents it: a JWT signed with
 * HS256 under the app's client secret; `exp` in the future and `nbf` in the past (with a small
 * clock tolerance); `aud` the app's client id; `dest` the shop (`https://{shop}.myshopify.com`)
 * and `iss` its admin (`https://{shop}.myshopify.com/admin`). The token itself never appears in a
 * failure message.
 *
 * @example
 * ```ts
 * const verified = await verifyShopifySessionToken(token, { clientId, clientSecret, now: Date.now() });
 * if (verified.isErr()) return new Response(verified.error.reason, { status: 401 });
 * const shop = verified.value.shop;
 * ```
 *
 * @category Authorization
 */
export async function verifyShopifySessionToken(
  token: string,
  options: ShopifySessionTokenOptions,
): Promise<Result<ShopifySessionTokenClaims, Failure<ShopifySessionTokenFailureReason>>> {
  const parts = typeof token === 'string' ? token.split('.') : [];
  const header = parts.length === 3 ? json(parts[0]!) : undefined;
  const claims = parts.length === 3 ? json(parts[1]!) : undefined;
  const signature = parts.length === 3 ? fromBase64Url(parts[2]!) : undefined;
  if (!header || !claims || !signature)
    return err(
      failure(
        'malformed_token',
        'The session token is not a JWT (three base64url parts with JSON header and claims); pass the token App Bridge gave.',
      ),
    );
  if (header.alg !== 'HS256')
    return err(failure('unsupported_algorithm', `Session tokens are signed with HS256, not ${String(header.alg)}.`));
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(options.clientSecret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  if (
    !(await crypto.subtle.verify(
      'HMAC',
      key,
      signature as BufferSource,
      utf8(`${parts[0]}.${parts[1]}`) as BufferSource,
    ))
  ) {
    return err(
      failure(
        'signature_mismatch',
        "The session token was not signed with this app's client secret (check the secret, or the token was forged).",
      ),
    );
  }
  const now = options.now / 1000;
  const tolerance = options.clockToleranceSeconds ?? SHOPIFY_SESSION_TOKEN_CLOCK_TOLERANCE_SECONDS;
  if (typeof claims.exp !== 'number' || now >= claims.exp + tolerance)
    return err(
      failure(
        'token_expired',
        'The session token has expired (they last one minute); get a fresh one from App Bridge.',
      ),
    );
  if (typeof claims.nbf !== 'number' || now < claims.nbf - tolerance)
    return err(failure('token_not_yet_valid', 'The session token is not valid yet (check the server clock).'));
  if (claims.aud !== options.clientId)
    return err(
      failure('audience_mismatch', 'The session token was issued for another app (its aud is not this client id).'),
    );
  const shop = hostOf(claims.dest, '');
  if (!shop || hostOf(claims.iss, '/admin') !== shop)
    return err(
      failure(
        'shop_mismatch',
        'The session token does not name a shop consistently (dest must be https://{shop}.myshopify.com and iss its /admin).',
      ),
    );
  if (options.shop !== undefined && options.shop !== shop)
    return err(failure('shop_mismatch', `The session token was issued for ${shop}, not ${options.shop}.`));
  return ok({ ...claims, shop } as ShopifySessionTokenClaims);
}
