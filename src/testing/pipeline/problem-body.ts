/**
 * A Problem Details body (RFC 9457, `application/problem+json`) as bol.com sends it.
 *
 * @example
 * ```ts
 * problemBody(429, 'Too many requests', 'Retry later.');
 * ```
 *
 * @category Pipeline simulator
 */
export function problemBody(
  status: number,
  title: string,
  detail?: string,
  violations?: { name: string; reason: string }[],
) {
  return {
    type: 'https://api.bol.com/problems',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(violations ? { violations } : {}),
  };
}
