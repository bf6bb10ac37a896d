import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Context } from '../../../src/core/context.js';
import { EbayMarketplace, type EbayConfig } from '../../../src/connectors/ebay/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { EbaySimulator, type EbaySimulatorOptions } from '../../../src/testing/msw/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';

export const CLIENT_ID = 'Acme-Sync-PRD-1a2b3c4d5-e6f7a8b9';
export const CLIENT_SECRET = 'PRD-1a2b3c4d5e6f-7a8b-9c0d-1e2f-3a4b';

/** One msw server per test file; each test installs its own simulator's handlers. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * Runs `work` to completion, moving the fake clock in small steps with real I/O in between
 * (limiter waits, backoff and lock retries sleep on the clock while msw answers are real I/O).
 */
export async function pump<T>(clock: FakeClock, work: Promise<T>, stepMs = 50): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await clock.advance(stepMs);
  }
  return work;
}

export function setup(
  server: ReturnType<typeof setupServer>,
  options: Partial<EbaySimulatorOptions> = {},
  config: Partial<EbayConfig> = {},
  context: Context = {},
) {
  const clock = new FakeClock();
  const simulator = new EbaySimulator({ clock, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
  server.resetHandlers(...simulator.handlers);
  const store = new MemoryStore({ clock });
  const refreshToken = simulator.issueRefreshToken();
  const make = (overrides: Partial<EbayConfig> = {}, extra: Context = {}) =>
    new EbayMarketplace(
      {
        credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken },
        timeoutMs: 0,
        merchantLocationKey: 'default',
        categoryId: '20625',
        listingPolicies: { fulfillmentPolicyId: '1', paymentPolicyId: '2', returnPolicyId: '3' },
        ...config,
        ...overrides,
      },
      { clock, store, ...context, ...extra },
    );
  return { clock, simulator, store, refreshToken, ebay: make(), make };
}
