import { afterEach, describe, expect, it } from 'vitest';
import {
  BULK_INVENTORY_EXPORT,
  BULK_PRODUCTS_EXPORT,
  BULK_RUN_QUERY_MUTATION,
  BULK_OPERATION_QUERY,
  SHOPIFY_DOCUMENTS,
} from '../../../src/connectors/shopify/documents.js';
import { requestProblems, responseProblems, schemaFor } from './admin-schema.js';
import { collect, createHarness, type Harness } from './harness.js';

// The schema of each API version is the fixture plus THE ONE SCHEMA EXTENSION in ./admin-schema.ts.
const OLD = '2025-10';
const NEW = '2026-10';

describe('every GraphQL document validates against the published Admin schema', () => {
  for (const [name, document] of Object.entries(SHOPIFY_DOCUMENTS)) {
    it(name, () => {
      expect(requestProblems(schemaFor(NEW), document)).toEqual([]);
      expect(document).toMatch(new RegExp(`^(query|mutation) ${name}\\b`));
    });
  }
  it.each([
    ['BULK_PRODUCTS_EXPORT', BULK_PRODUCTS_EXPORT],
    ['BULK_INVENTORY_EXPORT', BULK_INVENTORY_EXPORT],
  ])('bulk query %s', (_name, query) => {
    expect(requestProblems(schemaFor(OLD), query)).toEqual([]);
    expect(requestProblems(schemaFor(NEW), query)).toEqual([]);
  });

  it('rejects what the schema does not have (the check can fail)', () => {
    expect(requestProblems(schemaFor(NEW), 'query X { shop { noSuchField } }')).not.toEqual([]);
    expect(
      requestProblems(
        schemaFor(NEW),
        'mutation X($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }',
        {
          input: {
            name: 'available',
            reason: 'correction',
            quantities: [
              {
                inventoryItemId: 'gid://shopify/InventoryItem/1',
                locationId: 'gid://shopify/Location/1',
                quantity: 1,
                bogus: 1,
              },
            ],
          },
        },
      ),
    ).not.toEqual([]);
  });
});

describe('the versioned schema', () => {
  const groupObjectsDefault = (version: string) =>
    schemaFor(version)
      .getMutationType()!
      .getFields()
      .bulkOperationRunQuery!.args.find((arg) => arg.name === 'groupObjects')!.defaultValue;
  const has = (version: string, input: string, field: string) =>
    field in (schemaFor(version).getType(input) as unknown as { getFields(): Record<string, unknown> }).getFields();
  const enumValues = (version: string, name: string) =>
    (schemaFor(version).getType(name) as unknown as { getValues(): { name: string }[] })
      .getValues()
      .map((value) => value.name);

  it('states each post-2025-10 change at its version', () => {
    expect(groupObjectsDefault(OLD)).toBe(true);
    expect(groupObjectsDefault('2026-01')).toBe(false);
    expect(has(OLD, 'InventoryChangeInput', 'changeFromQuantity')).toBe(false);
    expect(has('2026-01', 'InventoryChangeInput', 'changeFromQuantity')).toBe(true);
    expect(has('2026-01', 'InventoryQuantityInput', 'compareQuantity')).toBe(true);
    expect(has('2026-04', 'InventoryQuantityInput', 'compareQuantity')).toBe(false);
    expect(has('2026-04', 'InventorySetQuantitiesInput', 'ignoreCompareQuantity')).toBe(false);
    expect(enumValues('2026-07', 'InventorySetQuantitiesUserErrorCode')).not.toContain(
      'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
    );
    expect(enumValues(NEW, 'InventorySetQuantitiesUserErrorCode')).toContain('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED');
  });

  it("the simulator groups bulk rows by the schema's groupObjects default of the version", async () => {
    for (const version of [OLD, NEW]) {
      const h = createHarness({ simulator: { products: 30, variantsPerProduct: 3 } });
      const post = <T>(query: string, variables: Record<string, unknown>) =>
        fetch(h.simulator.endpoint(version), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-shopify-access-token': h.simulator.accessToken },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json() as Promise<{ data: T }>);
      // The connector always names groupObjects; this request leaves it to the version's default.
      const run = await post<{ bulkOperationRunQuery: { bulkOperation: { id: string } } }>(
        BULK_RUN_QUERY_MUTATION.replace(', $groupObjects: Boolean!', '').replace(', groupObjects: $groupObjects', ''),
        { query: BULK_PRODUCTS_EXPORT },
      );
      const id = run.data.bulkOperationRunQuery.bulkOperation.id;
      let node: { url: string | null; status: string } = { url: null, status: 'CREATED' };
      while (node.status !== 'COMPLETED')
        node = (await post<{ node: typeof node }>(BULK_OPERATION_QUERY, { id })).data.node;
      const rows = (await (await fetch(node.url!)).text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; __parentId?: string });
      let parent: string | undefined;
      const grouped = rows.every((row) => {
        if (row.__parentId !== undefined) return row.__parentId === parent;
        parent = row.id;
        return true;
      });
      expect({ version, grouped }).toEqual({ version, grouped: groupObjectsDefault(version) });
      h.close();
    }
  });
});

describe('every request the connector sends validates, variables included, and every answer matches the schema', () => {
  let h: Harness;
  afterEach(() => h?.close());

  for (const apiVersion of [OLD, '2026-01', '2026-04', NEW]) {
    it(`API version ${apiVersion}`, async () => {
      h = createHarness({ simulator: { products: 12, variantsPerProduct: 2, locations: 2 }, config: { apiVersion } });
      const { shopify, simulator, clock } = h;
      const order = simulator.placeOrder({ lines: [{ sku: 'SKU-1', quantity: 1 }] });
      const other = simulator.placeOrder({ lines: [{ sku: 'SKU-2', quantity: 1 }] });
      await clock.drive(async () => {
        await shopify.healthCheck();
        await collect(shopify.listProducts({ pageSize: 5, status: 'active' }));
        const product = await shopify.getProduct([...simulator.state.products.keys()][0]!.toString());
        await shopify.upsertProducts([
          { ...product, offers: product.offers.map((offer) => ({ ...offer })) },
          {
            title: 'New',
            offers: [{ sku: 'NEW-1', price: { amountMinor: 500, currency: 'EUR' }, options: { Size: 'M' } }],
          },
        ]);
        await shopify.updatePrices([
          { sku: 'SKU-3', price: { amountMinor: 1299, currency: 'EUR' }, compareAtPrice: null },
        ]);
        await shopify.getOffersBySku(['SKU-3', 'SKU-9', 'NO-SUCH-SKU']);
        await shopify.getInventory({ skus: ['SKU-1', 'SKU-2'] });
        await shopify.getInventory({ skus: ['SKU-1'], locationId: '2' });
        await shopify.setInventory([
          { sku: 'SKU-4', quantity: 3 },
          { sku: 'SKU-5', quantity: 1, expectedAvailable: 10, locationId: '2' },
        ]);
        // A keyed set whose first attempt fails inside Shopify: on 2026-10 the retry is answered IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED.
        simulator.failNextAttempt();
        await shopify.setInventory([
          { sku: 'SKU-8', quantity: 4, expectedAvailable: 10, idempotencyKey: 'round-1/SKU-8' },
        ]);
        await shopify.adjustInventory([
          { sku: 'SKU-6', delta: -1, idempotencyKey: 'k-1' },
          { sku: 'SKU-7', delta: 2 },
        ]);
        await collect(shopify.listOrders({ since: '2026-01-01T00:00:00Z' }));
        await shopify.getOrder(String(order.id));
        await shopify.confirmShipment([
          {
            orderId: String(order.id),
            carrier: 'DHL',
            trackingNumber: 'JD01',
            trackingUrl: 'https://track.example/JD01',
            shippedAt: '2026-11-22T10:00:00.000Z',
          },
        ]);
        await shopify.cancelOrder([{ orderId: String(other.id), reason: 'out_of_stock' }]);
        await shopify.deleteProducts([String([...simulator.state.products.keys()][1])]);
        await shopify.webhooks.ensure('https://app.example/webhooks', ['orders/create', 'app/uninstalled']);
        await shopify.webhooks.ensure('https://app.example/webhooks', ['orders/create']);
        await collect(shopify.exportInventory({ pollMs: 10 }));
        await collect(shopify.exportCatalog({ pollMs: 10 }));
      });
      await h.settled();
      expect(h.requests.length).toBeGreaterThan(20);
      const schema = schemaFor(apiVersion);
      const seen = new Set<string>();
      const codes = new Set<string>();
      for (const request of h.requests) {
        const op = /^\s*(?:query|mutation)\s+(\w+)/.exec(request.query)![1]!;
        seen.add(op);
        expect({ op, problems: requestProblems(schema, request.query, request.variables) }).toEqual({
          op,
          problems: [],
        });
        expect(request.response?.version).toBe(apiVersion);
        const data = request.response?.body.data;
        if (data !== undefined)
          expect({ op, problems: responseProblems(schema, request.query, request.variables, data) }).toEqual({
            op,
            problems: [],
          });
        for (const match of JSON.stringify(data ?? {}).matchAll(/"code":"([A-Z_]+)"/g)) codes.add(match[1]!);
      }
      const modern = apiVersion >= '2026-01';
      expect(seen.has(modern ? 'MbInventorySetIdempotent' : 'MbInventorySet')).toBe(true);
      expect(seen.has(modern ? 'MbInventoryAdjustIdempotent' : 'MbInventoryAdjust')).toBe(true);
      expect(codes.has('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED')).toBe(apiVersion === NEW);
      // Every document the connector has was sent (and so validated with real variables) in one of the versions.
      const otherVersion = modern
        ? ['MbInventorySet', 'MbInventoryAdjust']
        : ['MbInventorySetIdempotent', 'MbInventoryAdjustIdempotent'];
      expect([...seen, ...otherVersion].sort()).toEqual(Object.keys(SHOPIFY_DOCUMENTS).sort());
      const set = h.requests.find((request) => request.query.includes('inventorySetQuantities'))!;
      const quantity = (set.variables.input as { quantities: Record<string, unknown>[] }).quantities[0]!;
      expect(Object.keys(quantity)).toContain(modern ? 'changeFromQuantity' : 'compareQuantity');
      expect(Object.keys(quantity)).not.toContain(modern ? 'compareQuantity' : 'changeFromQuantity');
      const adjust = h.requests.find((request) => request.query.includes('inventoryAdjustQuantities'))!;
      for (const change of (adjust.variables.input as { changes: Record<string, unknown>[] }).changes) {
        if (modern) expect(change).toHaveProperty('changeFromQuantity', null);
        else expect(change).not.toHaveProperty('changeFromQuantity');
      }
    });
  }
});
