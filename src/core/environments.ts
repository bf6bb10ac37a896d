/**
 * Where a marketplace connection sends its requests, as its definition declares it: the base
 * URLs a configuration resolves to and the hosts that belong to the platform's production (and
 * sandbox) environment. The safety layer's sandbox mode reads it to refuse any connection that
 * would reach production; a connector adds it to its definition in a few lines.
 *
 * @example
 * ```ts
 * const environments: MarketplaceEnvironments<{ baseUrl?: string; sandbox: boolean }> = {
 *   urls: (config) => ({ api: config.baseUrl ?? (config.sandbox ? 'https://sandbox.api.example' : 'https://api.example') }),
 *   productionHosts: ['api.example'],
 *   sandboxHosts: ['sandbox.api.example'],
 *   sandboxHint: 'set sandbox: true',
 * };
 * defineMarketplace({ name: 'example', configSchema, create, environments });
 * ```
 *
 * @category Factory
 */
export interface MarketplaceEnvironments<C = unknown> {
  /**
   * The base URLs an instance built from this (validated) configuration calls, by role
   * (`api`, `token`, ...), endpoint overrides applied. `undefined` entries are ignored.
   */
  urls(config: C): Readonly<Record<string, string | undefined>>;
  /**
   * Hosts of the platform's production environment: exact names, `*.example.com` for any
   * subdomain, or a host with a path (`api.bol.com/retailer`: that path and everything under
   * it) where production and sandbox share a host and differ by path. See {@link endpointMatches}.
   */
  readonly productionHosts: readonly string[];
  /** Hosts of the platform's own sandbox, if it has one (same patterns). */
  readonly sandboxHosts?: readonly string[];
  /** How to select the sandbox in this connector's configuration, for messages (`set sandbox: true`). */
  readonly sandboxHint: string;
  /** True for a marketplace that never reaches the network (the simulated one). */
  readonly offline?: boolean;
}

/**
 * Whether `host` matches one of `patterns` (exact, case-insensitive, or `*.suffix` for any
 * subdomain of `suffix`, not `suffix` itself).
 *
 * @example
 * ```ts
 * hostMatches('acme.myshopify.com', ['*.myshopify.com']); // true
 * hostMatches('myshopify.com.evil.example', ['*.myshopify.com']); // false
 * ```
 *
 * @category Factory
 */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? name.endsWith(p.slice(1)) && name.length > p.length - 1 : name === p;
  });
}

/**
 * The host of a URL, or `undefined` when it is not an absolute http(s) URL.
 *
 * @example
 * ```ts
 * urlHost('https://sellingpartnerapi-eu.amazon.com/orders'); // 'sellingpartnerapi-eu.amazon.com'
 * urlHost('not a url'); // undefined
 * ```
 *
 * @category Factory
 */
export function urlHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** A path as a server would route it: percent-decoded, dot segments resolved, repeated slashes collapsed, lower case. */
function routedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: compare it as written.
  }
  return new URL(decoded.replace(/\/{2,}/g, '/'), 'http://path.invalid').pathname.toLowerCase().replace(/\/+$/, '');
}

/**
 * Whether a URL is on one of `patterns`: a host pattern (as {@link hostMatches}) matches any
 * path of the host; a host with a path (`api.bol.com/retailer`) matches that path and
 * everything under it, not a sibling (`/retailer-demo`). Paths are compared as a server would
 * route them (percent-decoded, dot segments resolved, repeated slashes collapsed, any case), so
 * a URL spelled to reach a production path still counts as production. A string that is not an
 * absolute http(s) URL matches nothing.
 *
 * @example
 * ```ts
 * endpointMatches('https://api.bol.com/retailer/offers', ['api.bol.com/retailer']); // true
 * endpointMatches('https://api.bol.com/retailer-demo/offers', ['api.bol.com/retailer']); // false
 * endpointMatches('https://acme.myshopify.com/admin', ['*.myshopify.com']); // true
 * ```
 *
 * @category Factory
 */
export function endpointMatches(url: string, patterns: readonly string[]): boolean {
  const host = urlHost(url);
  if (host === undefined) return false;
  const path = routedPath(new URL(url).pathname);
  return patterns.some((pattern) => {
    const slash = pattern.indexOf('/');
    if (slash < 0) return hostMatches(host, [pattern]);
    if (!hostMatches(host, [pattern.slice(0, slash)])) return false;
    const prefix = routedPath(pattern.slice(slash));
    return path === prefix || path.startsWith(`${prefix}/`);
  });
}
