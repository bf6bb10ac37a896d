import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AmazonMarketplace } from '../../../src/connectors/amazon/index.js';
import type { AmazonConfigInput } from '../../../src/connectors/amazon/config.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { AmazonSpApiSimulator, type AmazonSimulatorOptions } from '../../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';

export const BASE = 'https://sellingpartnerapi-na.amazon.com';
export const SELLER = 'A1SIMSELLER';
export const US = 'ATVPDKIKX0DER';

/** One msw server per test file; each test installs its own simulator's handlers. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * Runs `work` to completion, yielding to real I/O (msw) between small clock steps. A waiter
 * on the shared lock sleeps on the fake clock while the holder's token request is real I/O,
 * so the clock may only move in small steps with I/O in between.
 */
export async function pump<T>(clock: FakeClock, work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await clock.advance(10);
  }
  return work;
}

export function setup(
  server: ReturnType<typeof setupServer>,
  options: Partial<AmazonSimulatorOptions> = {},
  config: Partial<AmazonConfigInput> = {},
) {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({ clock, sellerId: SELLER, marketplaceId: US, ...options });
  server.resetHandlers(...simulator.handlers);
  const store = new MemoryStore({ clock });
  const make = () =>
    new AmazonMarketplace(
      {
        sellerId: SELLER,
        marketplaceId: US,
        credentials: {
          clientId: 'amzn1.application-oa2-client.test',
          clientSecret: 'client-secret-value',
          refreshToken: 'Atzr|refresh-token-value',
        },
        timeoutMs: 0,
        ...config,
      },
      { clock, store },
    );
  return { clock, simulator, store, amazon: make(), make };
}
