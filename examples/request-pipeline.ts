/**
 * The request pipeline against local simulators: no network, no credentials.
 * Run with `npx tsx examples/request-pipeline.ts`.
 */
import { createContext } from 'marketbridge';
import {
  AsyncJob,
  OperationLedger,
  createHttpClient,
  paginateNextToken,
  type AsyncJobDefinition,
  type RateLimitSpec,
} from 'marketbridge/http';
import { FakeClock, createPipelineSimulator, driveSimulation } from 'marketbridge/testing';
import { amazonClassifier } from 'marketbridge/connectors/amazon';
import { shopifyGraphqlClassifier } from 'marketbridge/connectors/shopify';

const clock = new FakeClock();
const start = clock.now();

// 1. SP-API style: a token bucket of 10 burst, 5 per second, with QuotaExceeded answers.
const getOrders: RateLimitSpec = { kind: 'token-bucket', ratePerSecond: 5, burst: 10 };
const amazon = createPipelineSimulator({
  clock,
  limit: getOrders,
  style: 'amazon',
  faults: [{ kind: 'server-error', at: [3] }],
  respond: ({ url }) => {
    const token = Number(url.searchParams.get('NextToken') ?? 0);
    return {
      payload: { Orders: [{ AmazonOrderId: `order-${token}` }], NextToken: token < 39 ? String(token + 1) : undefined },
    };
  },
});
const amazonClient = createHttpClient({
  platform: 'amazon',
  baseUrl: 'https://sellingpartnerapi-eu.amazon.com',
  context: createContext({ clock, fetch: amazon.fetch, tenantId: 'seller-1' }),
  limits: { operations: { getOrders } },
  classify: amazonClassifier,
});
const orders = paginateNextToken(async (nextToken) => {
  const response = await amazonClient.request<{ payload: { Orders: { AmazonOrderId: string }[]; NextToken?: string } }>(
    {
      operation: 'getOrders',
      method: 'GET',
      path: '/orders/v0/orders',
      query: { MarketplaceIds: ['A1PA6795UKMFR9'], NextToken: nextToken },
    },
  );
  return { items: response.data.payload.Orders, next: response.data.payload.NextToken };
});
let count = 0;
await driveSimulation(
  clock,
  async () => {
    for await (const order of orders) if (order.AmazonOrderId) count++;
  },
  { busy: amazon.busy },
);
const seconds = (clock.now() - start) / 1000;
console.log(
  `SP-API getOrders: ${count} pages in ${seconds.toFixed(1)} s of simulated time; server throttled ${amazon.stats().throttled}, retried 1 injected 503.`,
);

// 2. Shopify GraphQL: a 1,000-point bucket restoring 100/s; requested cost reserved, actual refunded.
const graphql: RateLimitSpec = { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100, bucket: 'graphql' };
const shopify = createPipelineSimulator({
  clock,
  limit: graphql,
  style: 'shopify-graphql',
  cost: () => ({ requested: 250, actual: 40 }),
  respond: () => ({ data: { products: { nodes: [] } } }),
});
const shopifyClient = createHttpClient({
  platform: 'shopify',
  baseUrl: 'https://example.myshopify.com/admin/api/2026-01',
  context: createContext({ clock, fetch: shopify.fetch }),
  limits: { operations: { products: graphql } },
  classify: shopifyGraphqlClassifier,
});
const t0 = clock.now();
await driveSimulation(
  clock,
  () =>
    Promise.all(
      Array.from({ length: 20 }, () =>
        shopifyClient.request({
          operation: 'products',
          method: 'POST',
          path: 'graphql.json',
          idempotent: true,
          cost: 250,
          json: { query: '{ products(first: 50) { nodes { id } } }' },
        }),
      ),
    ),
  { busy: shopify.busy },
);
console.log(
  `Shopify GraphQL: 20 queries of requested cost 250 (actual 40) in ${((clock.now() - t0) / 1000).toFixed(1)} s; throttled ${shopify.stats().throttled}.`,
);

// 3. An async job (create → poll → download a gzip TSV → stream rows).
const gzipped = await new Response(
  new Blob(['sku\tquantity\nA-1\t5\nB-2\t0\n'])
    .stream()
    .pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>),
).arrayBuffer();
let polls = 0;
const report: AsyncJobDefinition = {
  kind: 'inventory-report',
  create: async () => ({ jobId: 'report-1' }),
  poll: async () =>
    ++polls < 3
      ? { status: 'pending' }
      : { status: 'done', document: { url: 'https://docs.test/report-1', format: 'tsv', compression: 'GZIP' } },
  download: async () => new Uint8Array(gzipped),
};
const context = createContext({ clock });
const job = new AsyncJob(report, { clock, store: context.store, storeKey: 'jobs:report-1' });
const rows = await driveSimulation(clock, async () => {
  const out: unknown[] = [];
  for await (const row of job.rows()) out.push(row);
  return out;
});
console.log(`Async job: ${polls} polls, ${rows.length} rows, first ${JSON.stringify(rows[0])}.`);

// 4. The operation ledger: the answer is lost after the write happened; a read-back settles it.
let shipped = false;
const ledger = new OperationLedger({ store: context.store, clock });
let sends = 0;
const result = await ledger.execute({
  key: 'confirmShipment:order-7',
  operation: 'confirmShipment',
  send: async () => {
    sends++;
    shipped = true;
    throw new TypeError('connection reset');
  },
  readBack: async () => (shipped ? { status: 'applied', result: 'shipped' } : { status: 'not_applied' }),
});
console.log(`Ledger: outcome "${result}" after ${sends} send; no blind re-send.`);
