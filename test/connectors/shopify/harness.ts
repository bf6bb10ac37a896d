import { setupServer } from 'msw/node';
import { EventBus } from '../../../src/core/events.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { ShopifyMarketplace } from '../../../src/connectors/shopify/index.js';
import type { ShopifyConfig } from '../../../src/connectors/shopify/config.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator, type ShopifySimulatorOptions } from '../../../src/connectors/shopify/simulator/index.js';

/** A simulated shop, an msw server in front of it, and a connector on a fake clock. */
export interface Harness {
  clock: FakeClock;
  simulator: ShopifySimulator;
  shopify: ShopifyMarketplace;
  events: EventBus;
  requests: RecordedRequest[];
  /** Resolves once every recorded request has its answer recorded too. */
  settled(): Promise<void>;
  close(): void;
}

/** A GraphQL request the connector sent, and what the simulator answered. */
export interface RecordedRequest {
  query: string;
  variables: Record<string, unknown>;
  url: string;
  /** The answer: HTTP status, `X-Shopify-API-Version` and the JSON body. */
  response?: { status: number; version: string | null; body: { data?: unknown; errors?: unknown } };
}

export function createHarness(
  options: { simulator?: ShopifySimulatorOptions; config?: Partial<ShopifyConfig> } = {},
): Harness {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const simulator = new ShopifySimulator({ clock, ...options.simulator });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const requests: Harness['requests'] = [];
  const byId = new Map<string, RecordedRequest>();
  const pending: Promise<void>[] = [];
  server.events.on('request:start', ({ request, requestId }) => {
    if (!request.url.endsWith('graphql.json')) return;
    // Recorded in send order; the body is read asynchronously.
    const entry = { query: '', variables: {}, url: request.url } as RecordedRequest;
    requests.push(entry);
    byId.set(requestId, entry);
    pending.push(
      request
        .clone()
        .json()
        .then((body: { query: string; variables?: Record<string, unknown> }) => {
          entry.query = body.query;
          entry.variables = body.variables ?? {};
        }),
    );
  });
  server.events.on('response:mocked', ({ response, requestId }) => {
    const entry = byId.get(requestId);
    if (!entry) return;
    pending.push(
      response
        .clone()
        .json()
        .then((body: { data?: unknown; errors?: unknown }) => {
          entry.response = { status: response.status, version: response.headers.get('x-shopify-api-version'), body };
        }),
    );
  });
  const events = new EventBus();
  const shopify = new ShopifyMarketplace(
    { shop: simulator.shop, accessToken: simulator.accessToken, timeoutMs: 0, ...options.config },
    { clock, events, store: new MemoryStore({ clock }) },
  );
  const settled = async () => {
    while (pending.length > 0) await Promise.all(pending.splice(0));
  };
  return { clock, simulator, shopify, events, requests, settled, close: () => server.close() };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
