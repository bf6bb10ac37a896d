/**
 * One of several processes sharing a store, driven by commands on stdin (one per line), so
 * that a test can run several scenarios without starting new processes:
 *
 * - `refresh <kind> <tokenUrl> <callers>`: that many callers ask at once for the access token of an
 *   expired connection, through an OAuth client whose store and lock are the shared ones.
 * - `webhooks <kind> <secret> <events>`: every event is delivered to this process (as retries and
 *   duplicate deliveries reach every process), concurrently; the handler counts its calls in
 *   the shared store.
 *
 * `kind` is redis or postgres; each store is opened on first use. argv: redisScope postgresScope
 */
import { createInterface } from 'node:readline';
import { OAuthClient } from '../../../src/auth/index.js';
import { signShopifyTestRequest } from '../../../src/testing/webhooks/index.js';
import { createWebhookProcessor } from '../../../src/webhooks/index.js';
import { openStore, say, type Opened } from './open-store.js';
import { createShopifyVerifier } from '../../../src/connectors/shopify/index.js';

const [redisScope, postgresScope] = process.argv.slice(2) as string[];
const opened = new Map<string, Opened>();
const shared = (kind: string) => {
  let found = opened.get(kind);
  if (!found) {
    found = openStore(kind, kind === 'redis' ? redisScope! : postgresScope!);
    opened.set(kind, found);
  }
  return { store: found.store, context: { store: found.store, lock: found.lock, tenantId: 'tenant-1' } };
};

async function refresh(kind: string, tokenUrl: string, callers: number): Promise<void> {
  const { context } = shared(kind);
  const client = new OAuthClient(
    { platform: 'mercadolibre', clientId: 'app', clientSecret: 'client-secret', tokenUrl },
    { context },
  );
  const tokens = await Promise.all(Array.from({ length: callers }, () => client.getAccessToken('seller-1')));
  say({ event: 'tokens', tokens: [...new Set(tokens)], count: tokens.length });
}

async function webhooks(kind: string, secret: string, events: number): Promise<void> {
  const { store, context } = shared(kind);
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [secret] })],
    routes: { shopify: { 'orders/create': async (event) => void (await store.increment(`handled:${event.eventId}`)) } },
    context,
  });
  const requests = await Promise.all(
    Array.from({ length: events }, (_, i) =>
      signShopifyTestRequest({ secret, body: JSON.stringify({ id: i }), eventId: `evt-${i}` }),
    ),
  );
  const outcomes = await Promise.all(requests.map((request) => processor.receive('shopify', request)));
  const statuses: Record<string, number> = {};
  for (const outcome of outcomes) statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
  say({ event: 'webhooks', statuses });
}

say({ event: 'ready' });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, kind, a, b] = line.split(' ') as [string, string, string, string];
  if (command === 'refresh') await refresh(kind, a, Number(b));
  else if (command === 'webhooks') await webhooks(kind, a, Number(b));
  else if (command === 'exit') break;
}
process.stdin.destroy();
await Promise.all([...opened.values()].map((o) => o.close()));
