import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
  INVENTORY_ADJUST_MUTATION,
  INVENTORY_AT_LOCATION_QUERY,
  INVENTORY_SET_IDEMPOTENT_MUTATION,
  INVENTORY_SET_MUTATION,
  SHOP_QUERY,
} from '../../../src/connectors/shopify/documents.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../../src/connectors/shopify/simulator/index.js';

/** A user error of a mutation, as the simulator answers it. */
interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/**
 * A GraphQL answer of the simulator, typed as far as these tests read it. Each test asserts on
 * the answer it expects (an absent `data`, a first error), so the reads are typed as present.
 */
interface Answer {
  data: {
    inventorySetQuantities: { userErrors: [UserError, ...UserError[]] };
    inventoryAdjustQuantities: { userErrors: [UserError, ...UserError[]] };
  };
  errors: [{ message: string; extensions: { code?: string } & Record<string, unknown> }];
  extensions: { cost: { actualQueryCost: number | null } & Record<string, unknown> };
}

let close = () => {};
afterEach(() => close());

function start(options: ConstructorParameters<typeof ShopifySimulator>[0] = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const simulator = new ShopifySimulator({ clock, ...options });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  close = () => server.close();
  const post = async (
    query: string,
    variables: Record<string, unknown> = {},
    version = '2025-10',
    token = simulator.accessToken,
  ) => {
    const response = await fetch(simulator.endpoint(version), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      version: response.headers.get('x-shopify-api-version'),
      body: (await response.json()) as Answer,
    };
  };
  return { clock, simulator, post };
}

describe('the Shopify simulator', () => {
  it('reports extensions.cost and refunds the difference between requested and actual cost', async () => {
    const { post } = start({ products: 3 });
    const { body } = await post(INVENTORY_AT_LOCATION_QUERY, {
      first: 100,
      query: "sku:'SKU-1'",
      locationId: 'gid://shopify/Location/1',
    });
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 502,
      actualQueryCost: 7,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1993, restoreRate: 100 },
    });
  });

  it('answers THROTTLED with HTTP 200, errors and no data when the bucket is short, and restores over time', async () => {
    const { post, clock, simulator } = start({ products: 200, limits: { maximumAvailable: 1000, restoreRate: 50 } });
    // No SKU filter: a full page of 199 variants, so the actual cost is the requested 997.
    const query = { first: 199, query: '', locationId: 'gid://shopify/Location/1' };
    await post(INVENTORY_AT_LOCATION_QUERY, query);
    const drained = await post(INVENTORY_AT_LOCATION_QUERY, query);
    expect(drained.status).toBe(200);
    expect(drained.body.data).toBeUndefined();
    expect(drained.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(drained.body.extensions.cost.actualQueryCost).toBeNull();
    await clock.advance(20_000);
    expect((await post(INVENTORY_AT_LOCATION_QUERY, query)).body.data).toBeDefined();
    expect(simulator.stats().throttled).toBe(1);
  });

  it('refuses a query above the single-query maximum with MAX_COST_EXCEEDED', async () => {
    const { post, simulator } = start();
    const { body } = await post(INVENTORY_AT_LOCATION_QUERY, {
      first: 250,
      query: '',
      locationId: 'gid://shopify/Location/1',
    });
    expect(body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 1252, maxCost: 1000 });
    expect(simulator.stats().maxCostExceeded).toBe(1);
  });

  it('answers 401 for a wrong token', async () => {
    const { post } = start();
    expect((await post(SHOP_QUERY, {}, '2025-10', 'nope')).status).toBe(401);
  });

  it('answers stale compare quantities with COMPARE_QUANTITY_STALE userErrors and applies nothing', async () => {
    const { post, simulator } = start({ products: 2, initialAvailable: 5 });
    const item = (sku: string) =>
      `gid://shopify/InventoryItem/${simulator.state.variantsBySku.get(sku)!.inventoryItemId}`;
    const { body } = await post(INVENTORY_SET_MUTATION, {
      input: {
        name: 'available',
        reason: 'correction',
        quantities: [
          { inventoryItemId: item('SKU-1'), locationId: 'gid://shopify/Location/1', quantity: 1, compareQuantity: 5 },
          { inventoryItemId: item('SKU-2'), locationId: 'gid://shopify/Location/1', quantity: 1, compareQuantity: 4 },
        ],
      },
    });
    expect(body.data.inventorySetQuantities.userErrors).toEqual([
      {
        field: ['input', 'quantities', '1', 'compareQuantity'],
        message: 'The compareQuantity value does not match persisted value.',
        code: 'COMPARE_QUANTITY_STALE',
      },
    ]);
    expect(simulator.available('SKU-1')).toBe(5);
  });

  it('rejects changeFromQuantity on versions before 2026-01 and requires @idempotent from 2026-04', async () => {
    const { post, simulator } = start({ products: 1 });
    const input = {
      name: 'available',
      reason: 'correction',
      quantities: [
        {
          inventoryItemId: `gid://shopify/InventoryItem/${simulator.state.variantsBySku.get('SKU-1')!.inventoryItemId}`,
          locationId: 'gid://shopify/Location/1',
          quantity: 1,
          changeFromQuantity: 10,
        },
      ],
    };
    expect((await post(INVENTORY_SET_MUTATION, { input }, '2025-10')).body.errors[0].message).toMatch(
      /changeFromQuantity/,
    );
    expect((await post(INVENTORY_SET_MUTATION, { input }, '2026-04')).body.errors[0].message).toMatch(/@idempotent/);
    expect(
      (await post(INVENTORY_SET_MUTATION, { input }, '2026-01')).body.data.inventorySetQuantities.userErrors,
    ).toEqual([]);
  });

  it('@idempotent adjustments: a duplicate returns the original answer, a different write under the same key is refused, keys expire after 24 hours', async () => {
    const { post, simulator, clock } = start({ products: 1, initialAvailable: 10 });
    const item = simulator.state.variantsBySku.get('SKU-1')!;
    const input = (delta: number) => ({
      name: 'available',
      reason: 'correction',
      changes: [
        {
          inventoryItemId: `gid://shopify/InventoryItem/${item.inventoryItemId}`,
          locationId: 'gid://shopify/Location/1',
          delta,
        },
      ],
    });
    const first = await post(
      INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
      { input: input(-2), idempotencyKey: 'k-1' },
      '2026-01',
    );
    const duplicate = await post(
      INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
      { input: input(-2), idempotencyKey: 'k-1' },
      '2026-01',
    );
    expect(duplicate.body.data).toEqual(first.body.data);
    expect(simulator.available('SKU-1')).toBe(8);
    const reused = await post(
      INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
      { input: input(-3), idempotencyKey: 'k-1' },
      '2026-01',
    );
    expect(reused.body.data.inventoryAdjustQuantities.userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }),
    ]);
    expect(simulator.available('SKU-1')).toBe(8);
    await clock.advance(24 * 3600 * 1000);
    await post(INVENTORY_ADJUST_IDEMPOTENT_MUTATION, { input: input(-2), idempotencyKey: 'k-1' }, '2026-01');
    expect(simulator.available('SKU-1')).toBe(6);
  });

  it('serves every answer with X-Shopify-API-Version, falling forward from a version that left support', async () => {
    const { post } = start({ oldestSupportedVersion: '2026-01' });
    expect((await post(SHOP_QUERY, {}, '2026-10')).version).toBe('2026-10');
    expect((await post(SHOP_QUERY, {}, '2025-07')).version).toBe('2026-01');
    expect((await post(SHOP_QUERY, {}, 'unstable')).version).toBe('unstable');
    expect((await post(SHOP_QUERY, {}, '2026-10', 'nope')).version).toBe('2026-10');
  });

  it('inventoryAdjustQuantities: changeFromQuantity unknown before 2026-01, compared from 2026-01, required on every change from 2026-04', async () => {
    const { post, simulator } = start({ products: 1, initialAvailable: 10 });
    const item = `gid://shopify/InventoryItem/${simulator.state.variantsBySku.get('SKU-1')!.inventoryItemId}`;
    const input = (change: Record<string, unknown>) => ({
      name: 'available',
      reason: 'correction',
      changes: [{ inventoryItemId: item, locationId: 'gid://shopify/Location/1', delta: -1, ...change }],
    });
    expect(
      (await post(INVENTORY_ADJUST_MUTATION, { input: input({ changeFromQuantity: null }) }, '2025-10')).body.errors[0],
    ).toMatchObject({ message: expect.stringMatching(/changeFromQuantity.*not defined on InventoryChangeInput/) });
    const missing = await post(
      INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
      { input: input({}), idempotencyKey: 'a-1' },
      '2026-04',
    );
    expect(missing.body.data).toBeUndefined();
    expect(missing.body.errors[0].message).toMatch(/changeFromQuantity/);
    expect(simulator.available('SKU-1')).toBe(10);
    const stale = await post(
      INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
      { input: input({ changeFromQuantity: 7 }), idempotencyKey: 'a-2' },
      '2026-04',
    );
    expect(stale.body.data.inventoryAdjustQuantities.userErrors).toEqual([
      {
        field: ['input', 'changes', '0', 'changeFromQuantity'],
        message: 'The changeFromQuantity value does not match persisted value.',
        code: 'CHANGE_FROM_QUANTITY_STALE',
      },
    ]);
    expect(
      (
        await post(
          INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
          { input: input({ changeFromQuantity: 10 }), idempotencyKey: 'a-3' },
          '2026-04',
        )
      ).body.data.inventoryAdjustQuantities.userErrors,
    ).toEqual([]);
    expect(
      (
        await post(
          INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
          { input: input({ changeFromQuantity: null }), idempotencyKey: 'a-4' },
          '2026-04',
        )
      ).body.data.inventoryAdjustQuantities.userErrors,
    ).toEqual([]);
    expect(
      (await post(INVENTORY_ADJUST_IDEMPOTENT_MUTATION, { input: input({}), idempotencyKey: 'a-5' }, '2026-01')).body
        .data.inventoryAdjustQuantities.userErrors,
    ).toEqual([]);
    expect(simulator.available('SKU-1')).toBe(7);
  });

  it('inventorySetQuantities from 2026-04: no compareQuantity or ignoreCompareQuantity, changeFromQuantity on every quantity, CHANGE_FROM_QUANTITY_STALE', async () => {
    const { post, simulator } = start({ products: 1, initialAvailable: 10 });
    const item = `gid://shopify/InventoryItem/${simulator.state.variantsBySku.get('SKU-1')!.inventoryItemId}`;
    const quantity = (fields: Record<string, unknown>) => ({
      inventoryItemId: item,
      locationId: 'gid://shopify/Location/1',
      quantity: 3,
      ...fields,
    });
    const send = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}, key = crypto.randomUUID()) =>
      post(
        INVENTORY_SET_IDEMPOTENT_MUTATION,
        {
          input: { name: 'available', reason: 'correction', quantities: [quantity(fields)], ...extra },
          idempotencyKey: key,
        },
        '2026-04',
      );
    expect((await send({ compareQuantity: 10 })).body.errors[0].message).toMatch(/compareQuantity.*not defined/);
    expect((await send({ changeFromQuantity: null }, { ignoreCompareQuantity: true })).body.errors[0].message).toMatch(
      /ignoreCompareQuantity.*not defined/,
    );
    expect((await send({})).body.errors[0].message).toMatch(/changeFromQuantity/);
    expect((await send({ changeFromQuantity: 9 })).body.data.inventorySetQuantities.userErrors[0].code).toBe(
      'CHANGE_FROM_QUANTITY_STALE',
    );
    expect(simulator.available('SKU-1')).toBe(10);
    expect((await send({ changeFromQuantity: 10 })).body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(simulator.available('SKU-1')).toBe(3);
  });

  it('a keyed attempt that failed inside Shopify: refused for good from 2026-10 on inventorySetQuantities, run anew before and for adjustments', async () => {
    const { post, simulator } = start({ products: 1, initialAvailable: 10 });
    const item = `gid://shopify/InventoryItem/${simulator.state.variantsBySku.get('SKU-1')!.inventoryItemId}`;
    const set = (key: string, version: string, to: number, from: number) =>
      post(
        INVENTORY_SET_IDEMPOTENT_MUTATION,
        {
          input: {
            name: 'available',
            reason: 'correction',
            quantities: [
              { inventoryItemId: item, locationId: 'gid://shopify/Location/1', quantity: to, changeFromQuantity: from },
            ],
          },
          idempotencyKey: key,
        },
        version,
      );
    simulator.failNextAttempt();
    expect((await set('s-1', '2026-10', 5, 10)).status).toBe(500);
    expect(simulator.available('SKU-1')).toBe(10);
    expect((await set('s-1', '2026-10', 5, 10)).body.data.inventorySetQuantities.userErrors).toEqual([
      {
        field: null,
        message: 'A previous request with this idempotency key failed. Retry with a new idempotency key.',
        code: 'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
      },
    ]);
    expect(simulator.available('SKU-1')).toBe(10);
    simulator.failNextAttempt();
    expect((await set('s-2', '2026-07', 5, 10)).status).toBe(500);
    expect((await set('s-2', '2026-07', 5, 10)).body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(simulator.available('SKU-1')).toBe(5);
    simulator.failNextAttempt();
    const adjust = {
      input: {
        name: 'available',
        reason: 'correction',
        changes: [
          { inventoryItemId: item, locationId: 'gid://shopify/Location/1', delta: -1, changeFromQuantity: null },
        ],
      },
      idempotencyKey: 'a-1',
    };
    expect((await post(INVENTORY_ADJUST_IDEMPOTENT_MUTATION, adjust, '2026-10')).status).toBe(500);
    expect(
      (await post(INVENTORY_ADJUST_IDEMPOTENT_MUTATION, adjust, '2026-10')).body.data.inventoryAdjustQuantities
        .userErrors,
    ).toEqual([]);
    expect(simulator.available('SKU-1')).toBe(4);
  });
});
