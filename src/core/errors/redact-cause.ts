import type { Redactor } from './redact.js';

const BRAND = Symbol.for('marketbridge.error');
const MAX_DEPTH = 5;
/** Kept as own properties of the copy: some are accessors on the prototype (`DOMException`). */
const ERROR_FIELDS = ['name', 'message', 'stack', 'code'] as const;

function read(source: object, key: PropertyKey): unknown {
  try {
    return (source as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function isErrorLike(value: object): boolean {
  return (
    value instanceof Error || (typeof read(value, 'message') === 'string' && typeof read(value, 'name') === 'string')
  );
}

/**
 * A redacted copy of an error's `cause`, made before the cause is stored, so that no secret is
 * reachable through `error.cause`, `util.inspect(error)` or a logger that walks the chain (an
 * injected fetch that quotes the URL, node-fetch for one, would otherwise expose query secrets).
 *
 * An `Error` is copied with the same prototype (so `instanceof` and `name` still hold) and its
 * message, stack, other own properties, nested `cause` and `AggregateError` `errors` redacted.
 * A `MarketbridgeError` is kept as it is: it was redacted when it was made. Other values are
 * deep-copied with secret fields replaced. The chain is cut after five levels.
 *
 * @example
 * ```ts
 * const safe = redactCause(new Error('GET https://x.test/?api_key=k3y failed'), createRedactor());
 * (safe as Error).message; // 'GET https://x.test/?api_key=[REDACTED] failed'
 * ```
 *
 * @category Errors
 */
export function redactCause(
  cause: unknown,
  redactor: Redactor,
  depth = 0,
  seen = new WeakMap<object, unknown>(),
): unknown {
  if (typeof cause === 'string') return redactor.text(cause);
  if (cause === null || typeof cause !== 'object') return cause;
  if ((cause as Record<symbol, unknown>)[BRAND] === true) return cause;
  if (seen.has(cause)) return seen.get(cause);
  if (!isErrorLike(cause)) return redactor.value(cause);
  if (depth >= MAX_DEPTH) return undefined;
  const copy = Object.create(Object.getPrototypeOf(cause) as object | null) as Record<PropertyKey, unknown>;
  seen.set(cause, copy);
  const define = (key: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(copy, key, { value, enumerable, writable: true, configurable: true });
  for (const key of ERROR_FIELDS) {
    const value = read(cause, key);
    if (value === undefined) continue;
    const own = Object.getOwnPropertyDescriptor(cause, key);
    define(key, typeof value === 'string' ? redactor.text(value) : value, own?.enumerable ?? false);
  }
  for (const key of Object.getOwnPropertyNames(cause)) {
    if ((ERROR_FIELDS as readonly string[]).includes(key) || key === 'cause' || key === 'errors') continue;
    const own = Object.getOwnPropertyDescriptor(cause, key);
    if (!own || !('value' in own)) continue;
    define(key, typeof own.value === 'function' ? own.value : redactor.value(own.value), own.enumerable ?? false);
  }
  if ('cause' in cause) define('cause', redactCause(read(cause, 'cause'), redactor, depth + 1, seen), false);
  const errors = read(cause, 'errors');
  if (Array.isArray(errors))
    define(
      'errors',
      errors.map((inner) => redactCause(inner, redactor, depth + 1, seen)),
      false,
    );
  return copy;
}
