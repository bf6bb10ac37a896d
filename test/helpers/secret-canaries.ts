import { inspect } from 'node:util';
import { expect } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { EventBus } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { createHttpClient, type HttpClientOptions } from '../../src/http/index.js';

export const BASE = 'https://api.secrets.test/v1';

/** Canary values: a declared secret, and a query secret known only by its parameter name. */
export const DECLARED = 'canary-declared.key/Zq-9';
export const UNDECLARED = 'canaryundeclaredtoken42';

/** Everything a secret could leak through, as text: the error, its cause chain, logs and events. */
export function surfaces(error: unknown, observed: string[]): string[] {
  const out = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error), ...observed];
  for (let cause: unknown = error, depth = 0; cause && depth < 10; depth++) {
    const c = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    out.push(String(c.message ?? cause), String(c.stack ?? ''), inspect(cause, { depth: 20, showHidden: true }));
    cause = typeof cause === 'object' ? c.cause : undefined;
  }
  return out;
}

/** Fails with the leaking texts when any canary (or its URL-encoded form) appears. */
export function expectNoCanary(texts: string[], canaries: string[]): void {
  const leaks = texts.filter((text) =>
    canaries.some((canary) => text.includes(canary) || text.includes(encodeURIComponent(canary))),
  );
  expect(leaks).toEqual([]);
}

/** A client that records every event and log line it produces. */
export function leakyClient(extra: Partial<HttpClientOptions> & { fetch?: typeof fetch } = {}) {
  const observed: string[] = [];
  const events = new EventBus();
  for (const name of ['request', 'response', 'retry', 'throttled', 'circuitOpen'] as const)
    events.on(name, (payload) => void observed.push(JSON.stringify(payload)));
  const log = (message: string, fields?: unknown) => void observed.push(`${message} ${JSON.stringify(fields)}`);
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  const { fetch: fetchFn, ...options } = extra;
  const context = createContext({ events, logger, ...(fetchFn ? { fetch: fetchFn } : {}) });
  const client = createHttpClient({
    platform: 'leaky',
    baseUrl: BASE,
    context,
    retry: false,
    breaker: false,
    secrets: [DECLARED],
    ...options,
  });
  return { client, observed };
}

/** The rejection of `promise`, or `undefined` when it resolves. */
export const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
