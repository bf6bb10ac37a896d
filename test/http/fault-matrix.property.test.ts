import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createHttpClient, type HttpRequest } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator, type FaultKind } from '../../src/testing/pipeline/index.js';
import { drive } from './helpers.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 1_000);
const BASE = 'https://fault.test/api';
type Fault = Exclude<FaultKind, 'partial-page'>;
const FAULTS: Fault[] = ['throttle', 'server-error', 'reset', 'malformed', 'timeout'];

/** What the policy must do: the attempts made and whether the last one succeeded. */
function expected(faults: Fault[], limit: number, safe: boolean): { sent: number; ok: boolean } {
  let retries = 0;
  for (let i = 0; ; i++) {
    const fault = faults[i];
    if (fault === undefined) return { sent: i + 1, ok: true };
    const retryable = fault === 'throttle' || safe;
    if (!retryable || retries >= limit) return { sent: i + 1, ok: false };
    retries++;
  }
}

describe('fault matrix', () => {
  it('retry counts match the policy exactly; unkeyed writes go once; keys never change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<HttpRequest['method']>('GET', 'PUT', 'DELETE', 'POST', 'PATCH'),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.constantFrom(...FAULTS), { maxLength: 6 }),
        async (method, keyed, limit, faults) => {
          const clock = new FakeClock();
          const sim = createPipelineSimulator({
            clock,
            faults: faults.map((kind, index) => ({ kind, at: [index] })),
            respond: () => ({ ok: true }),
          });
          const context = createContext({ clock, fetch: sim.fetch });
          const client = createHttpClient({
            platform: 'sim',
            baseUrl: BASE,
            context,
            retry: { limit, random: () => 0.5 },
            breaker: false,
            timeoutMs: 5_000,
          });
          const key = keyed ? `key-${faults.length}-${limit}` : undefined;
          const request: HttpRequest = {
            operation: 'op',
            method,
            path: '/thing',
            json: method === 'GET' || method === 'DELETE' ? undefined : { a: 1 },
            ...(key ? { idempotencyKey: key } : {}),
          };
          const outcome = await drive(clock, () => client.request(request)).then(
            (response) => ({ ok: true as const, attempts: response.attempts }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const safe = keyed || ['GET', 'PUT', 'DELETE'].includes(method);
          const want = expected(faults, limit, safe);
          expect(sim.stats().received).toBe(want.sent);
          expect(outcome.ok).toBe(want.ok);
          if (outcome.ok) expect(outcome.attempts).toBe(want.sent);
          else expect(isMarketbridgeError(outcome.error)).toBe(true);
          if (!safe)
            expect(
              sim.stats().received === 1 || faults.slice(0, sim.stats().received - 1).every((f) => f === 'throttle'),
            ).toBe(true);
          const keys = sim.log.map((entry) => entry.idempotencyKey);
          expect(keys).toEqual(sim.log.map(() => key));
        },
      ),
      { numRuns: runs },
    );
  });

  it('a POST without a key that fails transiently is sent exactly once, whatever the fault', async () => {
    for (const kind of ['server-error', 'reset', 'malformed', 'timeout'] as const) {
      const clock = new FakeClock();
      const sim = createPipelineSimulator({ clock, faults: [{ kind, every: 1 }] });
      const client = createHttpClient({
        platform: 'sim',
        baseUrl: BASE,
        context: createContext({ clock, fetch: sim.fetch }),
        retry: { limit: 10 },
        breaker: false,
        timeoutMs: 1000,
      });
      const error = await drive(clock, () =>
        client.request({ operation: 'create', method: 'POST', path: '/orders', json: {} }),
      ).catch((e: unknown) => e);
      expect(isMarketbridgeError(error)).toBe(true);
      expect(sim.stats().received).toBe(1);
    }
  });
});
