/**
 * A bol.com problem answer with the Retailer API's media type.
 *
 * @example
 * ```ts
 * return problem(404, 'Not Found', 'Offer not found.');
 * ```
 */
export function problem(
  status: number,
  title: string,
  detail: string,
  violations?: { name: string; reason: string }[],
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: 'https://api.bol.com/problems',
    title,
    status,
    detail,
    host: 'Instance-SIM',
    instance: 'https://api.bol.com/retailer',
    ...(violations ? { violations } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/vnd.retailer.v10+json', ...headers },
  });
}

/**
 * The 400 answer of a request that breaks the contract, one violation per field.
 *
 * @example
 * ```ts
 * if (violations.length) return invalid(violations);
 * ```
 */
export function invalid(violations: { name: string; reason: string }[]): Response {
  return problem(
    400,
    'Error validating request. Consult the bol.com API documentation for more information.',
    'Bad request',
    violations,
  );
}

/**
 * A JSON answer with the Retailer API's media type.
 *
 * @example
 * ```ts
 * return json(offer);
 * ```
 */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/vnd.retailer.v10+json' },
  });
}
