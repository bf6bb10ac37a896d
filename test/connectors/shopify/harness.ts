import { setupServer } from 'msw/node';
import { EventBus } from '../../../src/core/events.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { ShopifyMarketplace } from '../../../src/connectors/shopify/index.js';
import type { ShopifyConfig } from '../../../src/connectors/shopify/config.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator, type ShopifySimulatorOptions } from '../../../src/testing/shopify/index.js';

/** A simulated shop, an msw server in front of it, and a connector on a fake clock. */
export interface Harness {
  clock: FakeClock;
  simulator: ShopifySimulator;
  shopify: ShopifyMarketplace;
  events: EventBus;
  requests: { query: string; variables: Record<string, unknown>; url: string }[];
  close(): void;
}

export function createHarness(options: { simulator?: ShopifySimulatorOptions; config?: Partial<ShopifyConfig> } = {}): Harness {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const simulator = new ShopifySimulator({ clock, ...options.simulator });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const requests: Harness['requests'] = [];
  server.events.on('request:start', async ({ request }) => {
    if (!request.url.endsWith('graphql.json')) return;
    const body = (await request.clone().json()) as { query: string; variables?: Record<string, unknown> };
    requests.push({ query: body.query, variables: body.variables ?? {}, url: request.url });
  });
  const events = new EventBus();
  const shopify = new ShopifyMarketplace(
    { shop: simulator.shop, accessToken: simulator.accessToken, timeoutMs: 0, ...options.config },
    { clock, events, store: new MemoryStore({ clock }) },
  );
  return { clock, simulator, shopify, events, requests, close: () => server.close() };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
