import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BolMarketplace, type BolConfig } from '../../../src/connectors/bol/index.js';
import { BolRetailerSimulator, type BolSimulatorOptions } from '../../../src/connectors/bol/simulator/index.js';
import type { Context } from '../../../src/core/context.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { driveSimulation } from '../../../src/testing/pipeline/drive.js';

export const CLIENT = { clientId: 'bol-client-id', clientSecret: 'bol-client-secret-value' };

/** One msw server per test file (unhandled requests fail the test); each test installs its simulator. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A fetch that counts requests on the wire, so the fake clock moves only while none is. */
export function wire(inner: typeof fetch) {
  let inFlight = 0;
  const counted: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await inner(input, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch: counted, busy: () => inFlight > 0 };
}

export interface Harness {
  clock: FakeClock;
  simulator: BolRetailerSimulator;
  store: MemoryStore;
  bol: BolMarketplace;
  make: (config?: Partial<BolConfig>, context?: Context) => BolMarketplace;
  /** Runs work on the fake clock: time moves only when nothing is on the wire. */
  run: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * A simulator and a connector on one fake clock. With `server`, requests go through msw
 * (`onUnhandledRequest: 'error'`); without, through the simulator's own fetch (faster, for
 * large runs).
 */
export function setup(
  options: {
    server?: ReturnType<typeof setupServer>;
    simulator?: Partial<BolSimulatorOptions>;
    config?: Partial<BolConfig>;
    inspect?: (request: Request) => Promise<void>;
    transport?: (request: Request, send: (request: Request) => Promise<Response>) => Promise<Response>;
  } = {},
): Harness {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const simulator = new BolRetailerSimulator({ clock, ...options.simulator });
  if (options.server) options.server.resetHandlers(...simulator.handlers);
  const store = new MemoryStore({ clock });
  const direct: typeof fetch = options.server ? (input, init) => globalThis.fetch(input, init) : simulator.fetch;
  const transport = options.transport;
  const send: typeof fetch = transport
    ? (input, init) => transport(new Request(input, init), (request) => direct(request))
    : direct;
  const inspect = options.inspect;
  const counted = wire(
    inspect
      ? async (input, init) => {
          const request = new Request(input, init);
          await inspect(request.clone());
          return send(request);
        }
      : send,
  );
  const make = (config: Partial<BolConfig> = {}, context: Context = {}) =>
    new BolMarketplace(
      { ...CLIENT, timeoutMs: 0, ...options.config, ...config },
      { clock, store, fetch: counted.fetch, ...context },
    );
  return {
    clock,
    simulator,
    store,
    bol: make(),
    make,
    run: (work) => driveSimulation(clock, work, { busy: counted.busy }),
  };
}
