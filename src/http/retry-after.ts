/**
 * The longest wait a `Retry-After` may impose before it is clamped (one hour).
 *
 * @example
 * ```ts
 * parseRetryAfter('86400', 0) === MAX_RETRY_AFTER_MS; // true
 * ```
 *
 * @category Retry
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Parses a `Retry-After` header into milliseconds: delay-seconds (`120`, `0`, `1.5`) or an
 * HTTP-date (relative to `now`). Garbage, negative values and past dates give `undefined` or
 * 0; huge values are clamped to `maxMs`.
 *
 * @example
 * ```ts
 * parseRetryAfter('2', Date.now()); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 * parseRetryAfter('soon', Date.now()); // undefined
 * ```
 *
 * @category Retry
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  maxMs = MAX_RETRY_AFTER_MS,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    if (!Number.isFinite(seconds)) return maxMs;
    return Math.min(maxMs, Math.ceil(seconds * 1000));
  }
  // Only something that looks like a date: Date.parse accepts too much (e.g. "1").
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(maxMs, Math.max(0, at - now));
}
