/**
 * The body of an Amazon SP-API throttled call (HTTP 429).
 *
 * @example
 * ```ts
 * new Response(JSON.stringify(amazonQuotaExceededBody()), { status: 429 });
 * ```
 *
 * @category Simulator
 */
export function amazonQuotaExceededBody() {
  return {
    errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
  };
}
