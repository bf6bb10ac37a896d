import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { EventBus } from '../../src/core/events.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { CircuitBreaker, createHttpClient } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator } from '../../src/testing/pipeline/index.js';
import { drive } from './helpers.js';

function setup(faults: { kind: 'server-error'; at: number[] }[]) {
  const clock = new FakeClock();
  const events = new EventBus();
  const sim = createPipelineSimulator({ clock, faults, latencyMs: 5 });
  const context = createContext({ clock, events, fetch: sim.fetch });
  const client = createHttpClient({
    platform: 'sim',
    baseUrl: 'https://b.test',
    context,
    retry: false,
    breaker: { failureThreshold: 3, cooldownMs: 10_000 },
  });
  const get = () => client.request({ operation: 'get', method: 'GET', path: '/x' });
  return { clock, events, sim, client, get };
}

const settle = (promises: Promise<unknown>[]) =>
  Promise.all(
    promises.map((p) =>
      p.then(
        () => 'ok',
        (e: unknown) => e,
      ),
    ),
  );

describe('circuit breaker', () => {
  it('opens after the threshold, sends nothing while open, and lets exactly one of 100 concurrent callers probe', async () => {
    const { clock, events, sim, client, get } = setup([{ kind: 'server-error', at: [0, 1, 2] }]);
    const opened: number[] = [];
    events.on('circuitOpen', (e) => opened.push(e.until));
    for (let i = 0; i < 3; i++) await drive(clock, get).catch(() => {});
    expect(client.breaker?.state).toBe('open');
    expect(opened).toHaveLength(1);

    const whileOpen = await drive(clock, () => settle(Array.from({ length: 100 }, get)));
    expect(whileOpen.every((e) => isMarketbridgeError(e, 'circuit_open'))).toBe(true);
    expect(sim.stats().received).toBe(3);

    await clock.advance(10_000);
    const afterCooldown = await drive(clock, () => settle(Array.from({ length: 100 }, get)));
    expect(sim.stats().received).toBe(4);
    expect(afterCooldown.filter((r) => r === 'ok')).toHaveLength(1);
    expect(afterCooldown.filter((e) => isMarketbridgeError(e, 'circuit_open'))).toHaveLength(99);
    expect(client.breaker?.state).toBe('closed');
  });

  it('a failed probe opens the circuit again for a full cool-down', async () => {
    const { clock, sim, client, get } = setup([{ kind: 'server-error', at: [0, 1, 2, 3] }]);
    for (let i = 0; i < 3; i++) await drive(clock, get).catch(() => {});
    await clock.advance(10_000);
    const results = await drive(clock, () => settle(Array.from({ length: 20 }, get)));
    expect(results.filter((e) => isMarketbridgeError(e, 'marketplace_api_error'))).toHaveLength(1);
    expect(client.breaker?.state).toBe('open');
    await clock.advance(5_000);
    await drive(clock, get).catch(() => {});
    expect(sim.stats().received).toBe(4);
  });

  it('exports and restores its state; a half-open probe lost in a restart becomes open', () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 100 });
    const permit = breaker.acquire();
    if (permit.allowed) permit.failure();
    const restored = new CircuitBreaker(clock, {
      failureThreshold: 1,
      cooldownMs: 100,
      initialState: { ...breaker.toJSON(), state: 'half-open' },
    });
    expect(restored.state).toBe('open');
    expect(restored.acquire().allowed).toBe(false);
    expect(() => new CircuitBreaker(clock, { failureThreshold: 0, cooldownMs: -1 })).toThrow(/2 problems/);
  });
});
