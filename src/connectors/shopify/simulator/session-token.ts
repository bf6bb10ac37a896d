import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../../../core/bytes.js';

/**
 * What {@link signShopifySessionToken} needs; every claim can be overridden to build broken
 * tokens for tests.
 *
 * @category Simulator
 */
export interface SignShopifySessionTokenInput {
  /** The shop's myshopify domain (`dest` and `iss`). */
  shop: string;
  /** The app's client id (`aud`). */
  clientId: string;
  /** The app's client secret (the HS256 key). */
  clientSecret: string;
  /** Issue time, epoch ms (default: now). */
  now?: number;
  /** Lifetime, seconds (default 60, as App Bridge issues them). */
  ttlSeconds?: number;
  /** Claims to add or replace (`exp`, `aud`, `dest`, ...). */
  claims?: Record<string, unknown>;
  /** The header's `alg` (default HS256). */
  alg?: string;
}

/**
 * Builds a session token exactly as App Bridge's are made: a JWT, HS256 under the app's client
 * secret, with `iss` (`https://{shop}/admin`), `dest` (`https://{shop}`), `aud` (client id),
 * `sub`, `exp`, `nbf`, `iat`, `jti` and `sid`. For tests of token exchange and of your own
 * request authentication.
 *
 * @example
 * ```ts
 * const token = await signShopifySessionToken({ shop: simulator.shop, clientId, clientSecret, now: clock.now() });
 * await oauth.exchangeSessionToken(simulator.shop, token);
 * ```
 *
 * @category Simulator
 */
export async function signShopifySessionToken(input: SignShopifySessionTokenInput): Promise<string> {
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const claims = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.clientId,
    sub: '42',
    exp: now + (input.ttlSeconds ?? 60),
    nbf: now,
    iat: now,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
    ...input.claims,
  };
  const encode = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));
  const signed = `${encode({ alg: input.alg ?? 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(input.clientSecret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return `${signed}.${toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(signed) as BufferSource)))}`;
}

/**
 * Whether Shopify's token endpoint would accept a session token for the shop: HS256 signature
 * under the client secret, `aud` the client id, `dest` the shop, inside `nbf`..`exp` (10 s of
 * leeway). The simulator's own check, written apart from the connector's.
 *
 * @example
 * ```ts
 * await acceptsSessionToken(token, { shop, clientId, clientSecret, now: clock.now() }); // true
 * ```
 *
 * @category Simulator
 */
export async function acceptsSessionToken(
  token: string,
  expected: { shop: string; clientId: string; clientSecret: string; now: number },
): Promise<boolean> {
  const [header, payload, signature, ...rest] = String(token).split('.');
  if (!header || !payload || !signature || rest.length > 0) return false;
  const decode = (part: string): Record<string, unknown> | undefined => {
    try {
      const bytes = fromBase64Url(part);
      return bytes ? (JSON.parse(fromUtf8(bytes)) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const mac = fromBase64Url(signature);
  if (decode(header)?.alg !== 'HS256' || !mac) return false;
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(expected.clientSecret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  if (!(await crypto.subtle.verify('HMAC', key, mac as BufferSource, utf8(`${header}.${payload}`) as BufferSource)))
    return false;
  const claims = decode(payload);
  const now = expected.now / 1000;
  return (
    !!claims &&
    claims.aud === expected.clientId &&
    claims.dest === `https://${expected.shop}` &&
    typeof claims.exp === 'number' &&
    typeof claims.nbf === 'number' &&
    now < claims.exp + 10 &&
    now >= claims.nbf - 10
  );
}
