import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MercadoLibreMarketplace, type MercadoLibreConfigInput } from '../../../src/connectors/mercadolibre/index.js';
import type { Context } from '../../../src/core/context.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { MercadoLibreSimulator, type MercadoLibreSimulatorOptions } from '../../../src/testing/msw/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { seenRequest, type SeenRequest } from './contract.js';

export const CLIENT_SECRET = 'simulator-secret';

/** One msw server per test file; each test installs its own simulator's handlers. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A simulator on a fake clock, its handlers installed, and a connector for its default seller. */
export function setup(
  server: ReturnType<typeof setupServer>,
  options: Partial<MercadoLibreSimulatorOptions> = {},
  config: Partial<MercadoLibreConfigInput> = {},
  context: Context = {},
) {
  const clock = new FakeClock();
  const simulator = new MercadoLibreSimulator({ clock, ...options });
  server.resetHandlers(...simulator.handlers);
  const store = new MemoryStore({ clock });
  const refreshToken = simulator.tokens.grant(simulator.sellerId);
  const make = (overrides: Partial<MercadoLibreConfigInput> = {}, contextOverrides: Context = {}) =>
    new MercadoLibreMarketplace(
      {
        site: 'MLA',
        sellerId: simulator.sellerId,
        credentials: { clientId: simulator.applicationId, clientSecret: CLIENT_SECRET, refreshToken },
        timeoutMs: 0,
        stock: 'items',
        ...config,
        ...overrides,
      },
      { clock, store, ...context, ...contextOverrides },
    );
  return { clock, simulator, store, refreshToken, ml: make(), make };
}

/** Records every request the connector sends through msw, for the contract checks. */
export function recordRequests(server: ReturnType<typeof setupServer>) {
  const pending: Promise<SeenRequest>[] = [];
  const listener = ({ request }: { request: Request }) => {
    pending.push(seenRequest(request.clone()));
  };
  server.events.on('request:start', listener);
  return {
    all: () => Promise.all(pending),
    stop: () => server.events.removeListener('request:start', listener),
  };
}
