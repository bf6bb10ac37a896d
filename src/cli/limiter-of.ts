import type { LimiterSource } from '../health/health-report.js';

type Inspectable = {
  limiter?: unknown;
  http?: { limiter?: unknown };
  client?: { limiter?: unknown; http?: { limiter?: unknown } };
};

const isSource = (value: unknown): value is LimiterSource =>
  typeof (value as LimiterSource | undefined)?.toJSON === 'function';

/**
 * The rate limiter of a connection, wherever its connector keeps it: on the connection, on its
 * request pipeline (`http.limiter`), or on its platform client's pipeline
 * (`client.http.limiter`, as the Shopify, bol.com, eBay and MercadoLibre connectors do).
 * `undefined` when the connection exposes none.
 *
 * @example
 * ```ts
 * const limiter = limiterOf(await factory.create('bol', config));
 * ```
 */
export function limiterOf(connection: unknown): LimiterSource | undefined {
  const api = connection as Inspectable | undefined;
  return [api?.limiter, api?.http?.limiter, api?.client?.limiter, api?.client?.http?.limiter].find(isSource);
}
