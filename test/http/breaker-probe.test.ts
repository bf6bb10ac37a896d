import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { CircuitBreaker, createHttpClient, type HttpClientOptions } from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator, type FaultRule } from '../../src/testing/pipeline/index.js';
import { drive } from './helpers.js';

const COOLDOWN = 10_000;

function setup(faults: FaultRule[], extra: Partial<HttpClientOptions> = {}, store = new MemoryStore()) {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const sim = createPipelineSimulator({ clock, faults, latencyMs: 5, hangMs: 24 * 3600_000 });
  const log = (message: string) => void warnings.push(message);
  const context = createContext({
    clock,
    fetch: sim.fetch,
    store,
    logger: { debug: log, info: log, warn: log, error: log },
  });
  const client = createHttpClient({
    platform: 'sim',
    baseUrl: 'https://b.test',
    context,
    retry: false,
    breaker: { failureThreshold: 3, cooldownMs: COOLDOWN },
    ...extra,
  });
  const get = () =>
    drive(clock, () => client.request({ operation: 'get', method: 'GET', path: '/x' })).then(
      () => 'ok',
      (e: unknown) => e,
    );
  /** Three server errors open the circuit; then the cool-down passes. */
  const openAndCool = async () => {
    for (let i = 0; i < 3; i++) await get();
    expect(client.breaker?.state).toBe('open');
    await clock.advance(COOLDOWN);
  };
  return { clock, sim, client, get, openAndCool, warnings };
}

describe('the half-open probe is settled on every path', () => {
  it('a classifier that throws on the probe gives a typed error and the next caller probes the healthy server', async () => {
    let explode = false;
    const { client, get, openAndCool, sim } = setup([{ kind: 'server-error', at: [0, 1, 2] }], {
      classify: () => {
        if (explode) throw new TypeError('classifier bug');
        return { kind: 'ok' };
      },
    });
    await openAndCool();
    explode = true;
    const probe = await get();
    expect(isMarketbridgeError(probe, 'internal')).toBe(true);
    expect((probe as Error).message).toMatch(/classifier threw/);
    explode = false;
    expect(await get()).toBe('ok');
    expect(client.breaker?.state).toBe('closed');
    expect(sim.stats().received).toBe(5);
  });

  it('a limiter feedback rejected by a failing shared store neither fails the answer nor leaves the circuit half-open', async () => {
    let failing = false;
    class FailingStore extends MemoryStore {
      override compareAndSet(...args: Parameters<MemoryStore['compareAndSet']>) {
        if (failing) throw new Error('store connection lost');
        return super.compareAndSet(...args);
      }
      override get<T>(key: string) {
        if (failing) throw new Error('store connection lost');
        return super.get<T>(key);
      }
      override set(...args: Parameters<MemoryStore['set']>) {
        if (failing) throw new Error('store connection lost');
        return super.set(...args);
      }
    }
    const store = new FailingStore();
    const { client, get, openAndCool, warnings } = setup(
      [{ kind: 'server-error', at: [0, 1, 2] }],
      {
        limits: { shared: true, operations: { get: { kind: 'token-bucket', ratePerSecond: 100, burst: 100 } } },
        // Feedback that reaches the shared budget (the platform's remaining count); the store
        // goes away while the healthy probe's answer is being handled.
        classify: (input) => {
          if (input.status === 200) failing = true;
          return { kind: 'ok', feedback: { available: 50 } };
        },
      },
      store,
    );
    await openAndCool();
    expect(await get()).toBe('ok');
    failing = false;
    expect(client.breaker?.state).toBe('closed');
    expect(warnings.some((line) => line.includes('feedback failed'))).toBe(true);
  });

  it('a probe that hangs (no attempt timeout) is aborted after probeTimeoutMs; the circuit opens again and a later probe closes it', async () => {
    const { client, get, clock, sim } = setup(
      [
        { kind: 'server-error', at: [0, 1, 2] },
        { kind: 'timeout', at: [3] },
      ],
      { timeoutMs: 0, breaker: { failureThreshold: 3, cooldownMs: COOLDOWN, probeTimeoutMs: 5_000 } },
    );
    for (let i = 0; i < 3; i++) await get();
    await clock.advance(COOLDOWN);
    const start = clock.now();
    const probe = await get();
    expect(isMarketbridgeError(probe, 'timeout')).toBe(true);
    expect(clock.now() - start).toBe(5_000);
    expect(client.breaker?.state).toBe('open');
    await clock.advance(COOLDOWN);
    expect(await get()).toBe('ok');
    expect(client.breaker?.state).toBe('closed');
    expect(sim.stats().received).toBe(5);
  });

  it("the caller's abort of the probe does not count as a failure: the next caller probes", async () => {
    const { client, clock, openAndCool } = setup([
      { kind: 'server-error', at: [0, 1, 2] },
      { kind: 'timeout', at: [3] },
    ]);
    await openAndCool();
    const controller = new AbortController();
    const probe = drive(clock, () =>
      client.request({ operation: 'get', method: 'GET', path: '/x', signal: controller.signal }),
    ).then(
      () => 'ok',
      (e: unknown) => e,
    );
    await clock.advance(100);
    controller.abort(new Error('caller gave up'));
    expect(await probe).toMatchObject({ message: 'caller gave up' });
    expect(client.breaker?.toJSON()).toMatchObject({ state: 'open' });
    expect(client.breaker?.acquire()).toMatchObject({ allowed: true, probe: true });
  });
});

describe('CircuitBreaker probe bookkeeping', () => {
  function opened(options: { probeTimeoutMs?: number } = {}) {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 100, ...options });
    const first = breaker.acquire();
    if (first.allowed) first.failure();
    return { clock, breaker };
  }

  it('a probe never settled is written off after probeTimeoutMs, and its late outcome is ignored', async () => {
    const { clock, breaker } = opened({ probeTimeoutMs: 1_000 });
    await clock.advance(100);
    const lost = breaker.acquire();
    expect(lost).toMatchObject({ allowed: true, probe: true });
    expect(breaker.acquire()).toEqual({ allowed: false, until: clock.now() + 1_000 });
    await clock.advance(999);
    expect(breaker.acquire().allowed).toBe(false);
    await clock.advance(1);
    const next = breaker.acquire();
    expect(next).toMatchObject({ allowed: true, probe: true });
    if (lost.allowed) lost.failure();
    expect(breaker.state).toBe('half-open');
    if (next.allowed) next.success();
    expect(breaker.state).toBe('closed');
  });

  it('a released probe hands the slot back at once', async () => {
    const { clock, breaker } = opened();
    await clock.advance(100);
    const probe = breaker.acquire();
    if (probe.allowed) probe.release();
    expect(breaker.acquire()).toMatchObject({ allowed: true, probe: true });
  });

  it('refuses a probe timeout that is not a positive finite number', () => {
    expect(() => new CircuitBreaker(new FakeClock(), { probeTimeoutMs: 0 })).toThrow(/probeTimeoutMs/);
  });
});
