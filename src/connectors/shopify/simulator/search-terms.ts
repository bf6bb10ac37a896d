/**
 * One term of a Shopify search query (`sku:'A'`, `updated_at:>='2026-01-01'`).
 *
 * @category Simulator
 */
export interface SearchTerm {
  field: string;
  op: string;
  value: string;
}

/**
 * Parses the terms of a search query; `OR`/`AND` connectives are ignored (the connector only
 * ORs SKUs and ANDs filters on different fields).
 *
 * @example
 * ```ts
 * parseSearch("sku:'A' OR sku:'B'"); // [{ field: 'sku', op: ':', value: 'A' }, ...]
 * ```
 *
 * @category Simulator
 */
export function parseSearch(query: unknown): SearchTerm[] {
  if (typeof query !== 'string') return [];
  const terms: SearchTerm[] = [];
  const pattern = /([a-z_]+):(>=|<=|>|<)?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const raw = match[3] ?? match[4] ?? match[5] ?? '';
    terms.push({ field: match[1]!, op: match[2] ?? ':', value: raw.replace(/\\(.)/g, '$1') });
  }
  return terms;
}
