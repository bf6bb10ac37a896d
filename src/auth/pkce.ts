import { randomBytes, toBase64Url, utf8 } from '../core/bytes.js';

/**
 * A PKCE verifier and its S256 challenge (RFC 7636). Only S256 is offered: `plain` protects
 * nothing against an attacker who can read the authorisation request.
 *
 * @example
 * ```ts
 * const pkce: PkcePair = await createPkcePair();
 * url.searchParams.set('code_challenge', pkce.challenge);
 * ```
 *
 * @category OAuth
 */
export interface PkcePair {
  /** 43 characters of base64url randomness (32 bytes); kept server-side until the code exchange. */
  verifier: string;
  /** base64url(SHA-256(verifier)). */
  challenge: string;
  /** Always `S256`. */
  method: 'S256';
}

/**
 * Computes the S256 challenge of a verifier.
 *
 * @example
 * ```ts
 * await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'); // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 * ```
 *
 * @category OAuth
 */
export async function pkceChallenge(verifier: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(verifier) as BufferSource)));
}

/**
 * Creates a fresh {@link PkcePair}.
 *
 * @example
 * ```ts
 * const { verifier, challenge } = await createPkcePair();
 * ```
 *
 * @category OAuth
 */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = toBase64Url(randomBytes(32));
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}

/**
 * A random, URL-safe `state` value (32 bytes).
 *
 * @example
 * ```ts
 * const state = randomState(); // 43 characters
 * ```
 */
export function randomState(): string {
  return toBase64Url(randomBytes(32));
}

/**
 * What a well-formed state looks like; anything else is rejected before the store is read.
 *
 * @example
 * ```ts
 * STATE_PATTERN.test(randomState()); // true
 * ```
 */
export const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
