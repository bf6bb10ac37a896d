/**
 * The shortest access-token lifetime marketbridge assumes (60 s). A platform answering
 * `expires_in` of 0, a negative number or `-Infinity` gets this, so a broken answer cannot make
 * every call refresh.
 *
 * @example
 * ```ts
 * tokenLifetimeSeconds(0) === MIN_TOKEN_LIFETIME_SECONDS; // true
 * ```
 *
 * @category OAuth
 */
export const MIN_TOKEN_LIFETIME_SECONDS = 60;

/**
 * The longest access-token lifetime marketbridge assumes (365 days). A larger `expires_in`
 * (`1e306`, or `1e400`, which JSON parses as `Infinity`) gets this, so the expiry stays a finite
 * time that survives JSON in the store.
 *
 * @example
 * ```ts
 * tokenLifetimeSeconds(1e306) === MAX_TOKEN_LIFETIME_SECONDS; // true
 * ```
 *
 * @category OAuth
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

/**
 * Reads a token response's `expires_in` (a number, or a numeric string as some platforms send
 * it) and clamps it to [{@link MIN_TOKEN_LIFETIME_SECONDS}, {@link MAX_TOKEN_LIFETIME_SECONDS}].
 * Anything non-numeric (`null`, `"soon"`, an object) is `undefined`: treated as if the platform
 * had omitted it, so `defaultExpiresInSeconds` applies, or else the token is used until the
 * platform answers 401.
 *
 * @example
 * ```ts
 * tokenLifetimeSeconds('3600'); // 3600
 * tokenLifetimeSeconds(-5);     // 60
 * tokenLifetimeSeconds('soon'); // undefined
 * ```
 *
 * @category OAuth
 */
export function tokenLifetimeSeconds(raw: unknown): number | undefined {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
  return Math.min(MAX_TOKEN_LIFETIME_SECONDS, Math.max(MIN_TOKEN_LIFETIME_SECONDS, value));
}
