/**
 * A query value: scalars, arrays (repeated or comma-joined, see `HttpClientOptions.arrayFormat`) and
 * `undefined` (left out).
 *
 * @category Client
 */
export type QueryParams = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

/**
 * Joins a request path to the base URL (absolute URLs are kept as they are; a leading `/` is
 * relative to the base URL, so endpoint overrides keep their path prefix) and appends the query.
 *
 * @example
 * ```ts
 * buildUrl('http://127.0.0.1:3000/admin/api/2026-01', '/graphql.json', { a: [1, 2] }, 'repeat');
 * // 'http://127.0.0.1:3000/admin/api/2026-01/graphql.json?a=1&a=2'
 * ```
 */
export function buildUrl(
  baseUrl: string,
  path: string,
  query: QueryParams | undefined,
  arrays: 'repeat' | 'comma' = 'repeat',
): string {
  const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(path);
  const url = new URL(absolute ? path : `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (arrays === 'comma') url.searchParams.append(key, value.join(','));
      else for (const item of value) url.searchParams.append(key, String(item));
    } else url.searchParams.append(key, String(value));
  }
  return url.toString();
}
