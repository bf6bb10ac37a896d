import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannedCost, SHOPIFY_SINGLE_QUERY_MAX_COST } from '../../../src/connectors/shopify/cost-planner.js';
import {
  INVENTORY_AT_LOCATION_QUERY,
  INVENTORY_SET_IDEMPOTENT_MUTATION,
  ORDERS_QUERY,
  PRODUCTS_QUERY,
  SHOPIFY_DOCUMENTS,
} from '../../../src/connectors/shopify/documents.js';
import { estimateQueryCost, largestPageWithin } from '../../../src/connectors/shopify/query-cost.js';

describe('estimateQueryCost (Shopify static cost rules)', () => {
  it('scalars are free, objects cost 1, connections 2 + first × node', () => {
    expect(estimateQueryCost('query { shop { name } }')).toBe(1);
    expect(estimateQueryCost('query { products(first: 10) { nodes { id } } }')).toBe(12);
    expect(
      estimateQueryCost('query { products(first: 10) { edges { cursor node { id } } pageInfo { hasNextPage } } }'),
    ).toBe(12);
    expect(
      estimateQueryCost(
        'query Q($n: Int!) { products(first: $n) { nodes { id variants(first: 5) { nodes { id } } } } }',
        { n: 4 },
      ),
    ).toBe(2 + 4 * (1 + 2 + 5));
    expect(estimateQueryCost('query { nodes(ids: ["a", "b", "c"]) { id } }')).toBe(3);
  });

  it('every mutation field costs 10, whatever it selects', () => {
    expect(estimateQueryCost(INVENTORY_SET_IDEMPOTENT_MUTATION, { input: {}, idempotencyKey: 'k' })).toBe(10);
  });

  it('skips strings, directives, fragments and comments', () => {
    const query = `# a comment { with braces }
      query X($q: String!) @live { productVariants(first: 2, query: "sku:'{x}'") { nodes { ... on ProductVariant @skip(if: false) { id product { id } } } } }`;
    expect(estimateQueryCost(query, { q: '' })).toBe(2 + 2 * (1 + 1));
  });

  it('every document the connector sends stays under the single-query maximum at its planned page size', () => {
    for (const document of Object.values(SHOPIFY_DOCUMENTS)) {
      const variables = { first: 1, levels: 10, query: '', locationId: '' };
      const size = document.includes('$first')
        ? largestPageWithin(document, variables, 'first', SHOPIFY_SINGLE_QUERY_MAX_COST)
        : 1;
      expect(size).toBeGreaterThan(0);
      expect(estimateQueryCost(document, { ...variables, first: size })).toBeLessThanOrEqual(
        SHOPIFY_SINGLE_QUERY_MAX_COST,
      );
    }
  });

  it('largestPageWithin finds the largest page that fits', () => {
    const size = largestPageWithin(INVENTORY_AT_LOCATION_QUERY, { query: '', locationId: '' }, 'first', 1000);
    expect(estimateQueryCost(INVENTORY_AT_LOCATION_QUERY, { first: size })).toBeLessThanOrEqual(1000);
    expect(estimateQueryCost(INVENTORY_AT_LOCATION_QUERY, { first: size + 1 })).toBeGreaterThan(1000);
    expect(largestPageWithin(PRODUCTS_QUERY, {}, 'first', 1000)).toBeLessThan(50);
    expect(largestPageWithin(ORDERS_QUERY, {}, 'first', 10)).toBe(0);
  });

  it('plannedCost refuses, before sending, a query above the single-query maximum', () => {
    expect(() => plannedCost(INVENTORY_AT_LOCATION_QUERY, { first: 250 }, 'getInventory')).toThrow(
      /exceeds Shopify's single-query maximum of 1000/,
    );
    expect(plannedCost(INVENTORY_AT_LOCATION_QUERY, { first: 10 }, 'getInventory')).toBe(52);
  });

  it('largestPageWithin is the largest fitting page for any budget (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(INVENTORY_AT_LOCATION_QUERY, PRODUCTS_QUERY, ORDERS_QUERY),
        fc.integer({ min: 1, max: 5000 }),
        (document, budget) => {
          const size = largestPageWithin(document, { query: '', locationId: '' }, 'first', budget);
          const fits = (n: number) => estimateQueryCost(document, { first: n }) <= budget;
          return size === 0 ? !fits(1) : fits(size) && (size === 250 || !fits(size + 1));
        },
      ),
      { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 200) },
    );
  });
});
