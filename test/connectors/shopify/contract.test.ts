import { buildSchema, extendSchema, getVariableValues, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BULK_INVENTORY_EXPORT, BULK_PRODUCTS_EXPORT, SHOPIFY_DOCUMENTS } from '../../../src/connectors/shopify/documents.js';
import { collect, createHarness, type Harness } from './harness.js';
import { readSpec } from '../../fixtures/specs.js';

/**
 * THE ONE SCHEMA EXTENSION. Shopify's published Admin schema in test/fixtures/specs predates API
 * version 2026-01. The connector relies on exactly two additions of newer versions, declared
 * here and nowhere else:
 * - `changeFromQuantity` on `InventoryQuantityInput` (2026-01+: the compare value of
 *   `inventorySetQuantities`, replacing `compareQuantity`; required from 2026-04);
 * - the `@idempotent(key:)` directive on mutation fields (2026-01+; required from 2026-04 on
 *   `inventoryAdjustQuantities` and the other inventory mutations).
 */
const NEWER_VERSION_EXTENSION = /* GraphQL */ `
  directive @idempotent(key: String!) on FIELD
  extend input InventoryQuantityInput {
    changeFromQuantity: Int
  }
`;

let schema: GraphQLSchema;
beforeAll(() => {
  schema = extendSchema(buildSchema(readSpec('shopify-admin/admin_schema.graphql'), { assumeValidSDL: true }), parse(NEWER_VERSION_EXTENSION), { assumeValidSDL: true });
});

function problems(query: string, variables?: Record<string, unknown>): string[] {
  const document = parse(query);
  const errors = validate(schema, document).map((error) => error.message);
  if (errors.length > 0 || variables === undefined) return errors;
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return 'errors' in coerced && coerced.errors ? coerced.errors.map((error) => error.message) : [];
}

describe('every GraphQL document validates against the published Admin schema', () => {
  for (const [name, document] of Object.entries(SHOPIFY_DOCUMENTS)) {
    it(name, () => {
      expect(problems(document)).toEqual([]);
      expect(document).toMatch(new RegExp(`^(query|mutation) ${name}\\b`));
    });
  }
  it.each([
    ['BULK_PRODUCTS_EXPORT', BULK_PRODUCTS_EXPORT],
    ['BULK_INVENTORY_EXPORT', BULK_INVENTORY_EXPORT],
  ])('bulk query %s', (_name, query) => {
    expect(problems(query)).toEqual([]);
  });

  it('rejects what the schema does not have (the check can fail)', () => {
    expect(problems('query X { shop { noSuchField } }')).not.toEqual([]);
    expect(problems('mutation X($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }', {
      input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: 'gid://shopify/Location/1', quantity: 1, bogus: 1 }] },
    })).not.toEqual([]);
  });
});

describe('every request the connector sends validates, variables included', () => {
  let h: Harness;
  afterEach(() => h?.close());

  for (const apiVersion of ['2025-10', '2026-10']) {
    it(`API version ${apiVersion}`, async () => {
      h = createHarness({ simulator: { products: 12, variantsPerProduct: 2, locations: 2 }, config: { apiVersion } });
      const { shopify, simulator, clock } = h;
      const order = simulator.placeOrder({ lines: [{ sku: 'SKU-1', quantity: 1 }] });
      const other = simulator.placeOrder({ lines: [{ sku: 'SKU-2', quantity: 1 }] });
      await clock.drive(async () => {
        await shopify.healthCheck();
        await collect(shopify.listProducts({ pageSize: 5, status: 'active' }));
        const product = await shopify.getProduct([...simulator.state.products.keys()][0]!.toString());
        await shopify.upsertProducts([{ ...product, offers: product.offers.map((offer) => ({ ...offer })) }, { title: 'New', offers: [{ sku: 'NEW-1', price: { amountMinor: 500, currency: 'EUR' }, options: { Size: 'M' } }] }]);
        await shopify.updatePrices([{ sku: 'SKU-3', price: { amountMinor: 1299, currency: 'EUR' }, compareAtPrice: null }]);
        await shopify.getInventory({ skus: ['SKU-1', 'SKU-2'] });
        await shopify.getInventory({ skus: ['SKU-1'], locationId: '2' });
        await shopify.setInventory([{ sku: 'SKU-4', quantity: 3 }, { sku: 'SKU-5', quantity: 1, expectedAvailable: 10, locationId: '2' }]);
        await shopify.setInventory([{ sku: 'SKU-8', quantity: 4, expectedAvailable: 10, idempotencyKey: 'round-1/SKU-8' }]);
        await shopify.adjustInventory([{ sku: 'SKU-6', delta: -1, idempotencyKey: 'k-1' }, { sku: 'SKU-7', delta: 2 }]);
        await collect(shopify.listOrders({ since: '2026-01-01T00:00:00Z' }));
        await shopify.getOrder(String(order.id));
        await shopify.confirmShipment([{ orderId: String(order.id), carrier: 'DHL', trackingNumber: 'JD01', trackingUrl: 'https://track.example/JD01', shippedAt: '2026-11-22T10:00:00.000Z' }]);
        await shopify.cancelOrder([{ orderId: String(other.id), reason: 'out_of_stock' }]);
        await shopify.deleteProducts([String([...simulator.state.products.keys()][1])]);
        await shopify.webhooks.ensure('https://app.example/webhooks', ['orders/create', 'app/uninstalled']);
        await shopify.webhooks.ensure('https://app.example/webhooks', ['orders/create']);
        await collect(shopify.exportInventory({ pollMs: 10 }));
        await collect(shopify.exportCatalog({ pollMs: 10 }));
      });
      expect(h.requests.length).toBeGreaterThan(20);
      const seen = new Set<string>();
      for (const request of h.requests) {
        seen.add(/^\s*(?:query|mutation)\s+(\w+)/.exec(request.query)![1]!);
        expect({ op: request.query.slice(0, 40), problems: problems(request.query, request.variables) }).toEqual({ op: request.query.slice(0, 40), problems: [] });
      }
      const modern = apiVersion >= '2026-01';
      expect(seen.has(modern ? 'MbInventorySetIdempotent' : 'MbInventorySet')).toBe(true);
      expect(seen.has(modern ? 'MbInventoryAdjustIdempotent' : 'MbInventoryAdjust')).toBe(true);
      // Every document the connector has was sent (and so validated with real variables) in one of the two versions.
      const otherVersion = modern ? ['MbInventorySet', 'MbInventoryAdjust'] : ['MbInventorySetIdempotent', 'MbInventoryAdjustIdempotent'];
      expect([...seen, ...otherVersion].sort()).toEqual(Object.keys(SHOPIFY_DOCUMENTS).sort());
      const set = h.requests.find((request) => request.query.includes('inventorySetQuantities'))!;
      const quantity = (set.variables.input as { quantities: Record<string, unknown>[] }).quantities[0]!;
      expect(Object.keys(quantity)).toContain(modern ? 'changeFromQuantity' : 'compareQuantity');
      expect(Object.keys(quantity)).not.toContain(modern ? 'compareQuantity' : 'changeFromQuantity');
    });
  }
});
