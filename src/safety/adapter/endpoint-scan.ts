import { endpointMatches, urlHost, type MarketplaceEnvironments } from '../../core/environments.js';

/**
 * One URL a connection would call: its role (`api`, `token`, or the configuration path it
 * was found at), the origin (no path, query or credentials, so it is safe to show) and host.
 *
 * @category Real-world adapter
 */
export interface ConnectionEndpoint {
  role: string;
  origin: string;
  host: string;
  /** Whether the host is a known production host. */
  production: boolean;
}

const MAX_DEPTH = 6;

/** URL-valued strings anywhere in a configuration a definition does not describe, by path. */
function scanForUrls(
  value: unknown,
  path: string,
  out: Record<string, string>,
  seen: Set<unknown>,
  depth: number,
): void {
  if (typeof value === 'string') {
    if (urlHost(value) !== undefined) out[path || '(config)'] = value;
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > MAX_DEPTH) return;
  seen.add(value);
  for (const [key, child] of Object.entries(value))
    scanForUrls(child, path ? `${path}.${key}` : key, out, seen, depth + 1);
}

/**
 * The URLs a connection would call: what the definition's `environments` resolves from the
 * validated configuration, or, for a definition without one, every URL-valued field of the
 * configuration as given. Each is marked production when it matches the declaration's own
 * production hosts or `knownProductionHosts` (by host, or by host and path: `endpointMatches`).
 *
 * @example
 * ```ts
 * connectionEndpoints(amazonEnvironments, validated, raw, KNOWN_PRODUCTION_HOSTS);
 * // [{ role: 'api', origin: 'https://sellingpartnerapi-na.amazon.com', production: true, ... }, ...]
 * ```
 *
 * @category Real-world adapter
 */
export function connectionEndpoints(
  environments: MarketplaceEnvironments | undefined,
  validated: unknown,
  raw: unknown,
  knownProductionHosts: readonly string[],
): ConnectionEndpoint[] {
  const urls: Record<string, string> = {};
  if (environments) {
    for (const [role, url] of Object.entries(environments.urls(validated)))
      if (typeof url === 'string') urls[role] = url;
  } else {
    scanForUrls(raw, '', urls, new Set(), 0);
  }
  const production = [...(environments?.productionHosts ?? []), ...knownProductionHosts];
  return Object.entries(urls).map(([role, url]) => {
    const host = urlHost(url);
    // A URL the connector cannot parse is not reachable as a host; show it as given is unsafe, so name the role only.
    if (host === undefined) return { role, origin: '(not an http(s) URL)', host: '', production: false };
    return { role, origin: new URL(url).origin, host, production: endpointMatches(url, production) };
  });
}
