import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isMarketbridgeError, MarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createRedactor } from '../../src/core/errors/redact.js';
import {
  BASE,
  caught,
  DECLARED,
  expectNoCanary,
  leakyClient,
  surfaces,
  UNDECLARED,
} from '../helpers/secret-canaries.js';

describe('causes are redacted on the way in', () => {
  it('a fetch error quoting the URL (as node-fetch does) exposes no query secret, declared or not', async () => {
    // node-fetch's FetchError: "request to <url> failed, reason: <reason>".
    class FetchError extends Error {
      override name = 'FetchError';
      code = 'ECONNRESET';
      constructor(url: string) {
        super(`request to ${url} failed, reason: socket hang up`);
      }
    }
    const thrown: Error[] = [];
    const { client, observed } = leakyClient({
      fetch: async (input) => {
        const error = new FetchError(String(input instanceof Request ? input.url : input));
        thrown.push(error);
        throw error;
      },
    });
    const error = await caught(
      client.request({
        operation: 'getThing',
        method: 'GET',
        path: '/things',
        query: { access_token: UNDECLARED, key: DECLARED, page: 2 },
      }),
    );
    expect(isMarketbridgeError(error)).toBe(true);
    // The original did carry the secrets: the copy is what makes this test meaningful.
    expect(thrown[0]!.message).toContain(UNDECLARED);
    const cause = (error as MarketbridgeError).cause as FetchError;
    expect(cause).toBeInstanceOf(FetchError);
    expect(cause).not.toBe(thrown[0]);
    expect(cause.name).toBe('FetchError');
    expect(cause.code).toBe('ECONNRESET');
    expect(cause.message).toContain('page=2');
    expect(cause.message).toContain('socket hang up');
    expectNoCanary(surfaces(error, observed), [DECLARED, UNDECLARED]);
  });

  it('nested causes, AggregateError members, DOMExceptions and plain-object causes are redacted too', async () => {
    const url = `${BASE}/x?client_secret=${UNDECLARED}`;
    const inner = new Error(`dns lookup for ${url}`);
    const aggregate = new AggregateError(
      [new Error(`attempt 1 ${DECLARED}`), new TypeError(`attempt 2 ${url}`)],
      `all attempts failed for ${url}`,
      { cause: inner },
    );
    const error = new MarketbridgeError('internal', 'wrapped', {
      cause: aggregate,
      redactor: createRedactor({ secrets: [DECLARED] }),
    });
    const copy = error.cause as AggregateError;
    expect(copy).toBeInstanceOf(AggregateError);
    expect(copy.errors[1]).toBeInstanceOf(TypeError);
    expectNoCanary(surfaces(error, []), [DECLARED, UNDECLARED]);
    expectNoCanary([inspect(copy.errors, { depth: 10 })], [DECLARED, UNDECLARED]);

    const dom = new DOMException(`aborted ${DECLARED}`, 'AbortError');
    const fromDom = new MarketbridgeError('timeout', 'x', {
      cause: dom,
      redactor: createRedactor({ secrets: [DECLARED] }),
    });
    expect((fromDom.cause as DOMException).name).toBe('AbortError');
    expect(fromDom.cause).toBeInstanceOf(DOMException);
    expectNoCanary(surfaces(fromDom, []), [DECLARED]);

    const plain = new MarketbridgeError('internal', 'x', {
      cause: { detail: `see ${url}`, refresh_token: 'canary-rt-1234' },
    });
    expectNoCanary([inspect(plain, { depth: 10 }), JSON.stringify(plain)], [UNDECLARED, 'canary-rt-1234']);
  });
});
