import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('prices', () => {
  it('sets exact prices in the item currency; a variation price is written on every variation (none dropped)', async () => {
    const { ml, simulator, clock } = setup(server);
    const mug = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    const tee = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [
        { sku: 'T-S', quantity: 1, options: { Talle: 'S' } },
        { sku: 'T-M', quantity: 2, options: { Talle: 'M' } },
        { sku: 'T-L', quantity: 3, options: { Talle: 'L' } },
      ],
    });
    const result = await clock.drive(() =>
      ml.updatePrices([
        { sku: 'MUG-1', price: money(3, 'ARS') },
        { sku: 'T-M', price: money(1234567, 'ARS') },
      ]),
    );
    expect(result.succeeded).toBe(2);
    expect(simulator.state.items.get(mug.id)!.price).toBe(0.03);
    const variations = simulator.state.items.get(tee.id)!.variations!;
    expect(variations.map((variation) => [variation.price, variation.available_quantity])).toEqual([
      [12345.67, 1],
      [12345.67, 2],
      [12345.67, 3],
    ]);
    expect(result.items[1]).toMatchObject({
      ok: true,
      value: { sku: 'T-M', externalId: String(variations[1]!.id), price: money(1234567, 'ARS') },
    });
  });

  it('refuses per item: another currency, two prices for one item, an unknown SKU; the rest is written', async () => {
    const { ml, simulator, clock } = setup(server);
    simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    const tee = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [
        { sku: 'T-S', quantity: 1, options: { Talle: 'S' } },
        { sku: 'T-M', quantity: 2, options: { Talle: 'M' } },
      ],
    });
    simulator.catalog.addItem({ title: 'Cup', price: 100, quantity: 1, sku: 'CUP-1' });
    const result = await clock.drive(() =>
      ml.updatePrices([
        { sku: 'MUG-1', price: money(500, 'USD') },
        { sku: 'T-S', price: money(200, 'ARS') },
        { sku: 'T-M', price: money(300, 'ARS') },
        { sku: 'NOPE', price: money(300, 'ARS') },
        { sku: 'CUP-1', price: money(990, 'ARS') },
      ]),
    );
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'validation_failed',
      'validation_failed',
      'validation_failed',
      'not_found',
      'ok',
    ]);
    expect(simulator.state.items.get(tee.id)!.price).toBe(100);
  });

  it('rejects the whole batch before sending for a compare-at price or a duplicate SKU', async () => {
    const { ml, simulator, clock } = setup(server);
    for (const updates of [
      [{ sku: 'A', price: money(100, 'ARS'), compareAtPrice: money(200, 'ARS') }],
      [
        { sku: 'A', price: money(100, 'ARS') },
        { sku: 'A', price: money(200, 'ARS') },
      ],
    ]) {
      const error = await clock.drive(() => ml.updatePrices(updates).catch((e: unknown) => e));
      expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    }
    expect(simulator.stats().calls).toBe(0);
  });

  it('writes whole pesos on sites without decimals (CLP) and refuses fractions before sending', async () => {
    const { ml, simulator, clock } = setup(server, { site: 'MLC' }, { site: 'MLC' });
    const item = simulator.catalog.addItem({ title: 'Taza', price: 5990, quantity: 1, sku: 'TAZA' });
    expect((await clock.drive(() => ml.updatePrices([{ sku: 'TAZA', price: money(6490, 'CLP') }]))).succeeded).toBe(1);
    expect(simulator.state.items.get(item.id)!.price).toBe(6490);
    expect((await clock.drive(() => ml.getProduct(item.id))).offers[0]!.price).toEqual(money(6490, 'CLP'));
  });
});

describe('stock on items', () => {
  it('sets available_quantity on items and variations (every variation kept); 0 pauses, stock back reactivates', async () => {
    const { ml, simulator, clock } = setup(server);
    const mug = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    const tee = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [
        { sku: 'T-S', quantity: 1, options: { Talle: 'S' } },
        { sku: 'T-M', quantity: 2, options: { Talle: 'M' } },
      ],
    });
    const result = await clock.drive(() =>
      ml.setInventory([
        { sku: 'MUG-1', quantity: 0 },
        { sku: 'T-M', quantity: 9 },
      ]),
    );
    expect(result.items.map((item) => item.ok && item.value.available)).toEqual([0, 9]);
    expect(simulator.state.items.get(mug.id)).toMatchObject({
      available_quantity: 0,
      status: 'paused',
      sub_status: ['out_of_stock'],
    });
    expect(simulator.state.items.get(tee.id)!.variations!.map((variation) => variation.available_quantity)).toEqual([
      1, 9,
    ]);
    await clock.drive(() => ml.setInventory([{ sku: 'MUG-1', quantity: 2 }]));
    expect(simulator.state.items.get(mug.id)).toMatchObject({
      available_quantity: 2,
      status: 'active',
      sub_status: [],
    });
    expect(await clock.drive(() => ml.getInventory({ skus: ['MUG-1', 'T-S', 'NOPE'] }))).toMatchObject([
      { sku: 'MUG-1', locationId: 'default', available: 2 },
      { sku: 'T-S', available: 1 },
    ]);
  });

  it('finds SKUs in seller_custom_field and the item-id form of listings without a SKU', async () => {
    const { ml, simulator, clock } = setup(server);
    const legacy = simulator.catalog.addItem({
      title: 'Legacy',
      price: 100,
      quantity: 1,
      sku: 'OLD-1',
      skuInCustomField: true,
    });
    const bare = simulator.catalog.addItem({
      title: 'Bare',
      price: 100,
      variations: [{ quantity: 1, options: { Color: 'Rojo' } }],
    });
    const bareSku = `${bare.id}-${bare.variations![0]!.id}`;
    expect(
      (
        await clock.drive(() =>
          ml.setInventory([
            { sku: 'OLD-1', quantity: 6 },
            { sku: bareSku, quantity: 4 },
          ]),
        )
      ).succeeded,
    ).toBe(2);
    expect(simulator.state.items.get(legacy.id)!.available_quantity).toBe(6);
    expect(simulator.state.items.get(bare.id)!.variations![0]!.available_quantity).toBe(4);
  });

  it('refuses compare-and-set and warehouses on item stock before sending, and reports unknown SKUs per item', async () => {
    const { ml, simulator, clock } = setup(server);
    simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    for (const update of [
      { sku: 'MUG-1', quantity: 1, expectedAvailable: 5 },
      { sku: 'MUG-1', quantity: 1, locationId: 'WH-1' },
    ]) {
      const error = await clock.drive(() => ml.setInventory([update]).catch((e: unknown) => e));
      expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    }
    expect(ml.capabilities).toMatchObject({ inventoryCompareAndSet: false, idempotentSets: false });
    const result = await clock.drive(() =>
      ml.setInventory([
        { sku: 'NOPE', quantity: 1 },
        { sku: 'MUG-1', quantity: 3 },
      ]),
    );
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual(['not_found', 'ok']);
  });

  it('a variation removed since the index was built fails alone, and the item keeps its other variations', async () => {
    const { ml, simulator, clock } = setup(server);
    const tee = simulator.catalog.addItem({
      title: 'Tee',
      price: 100,
      variations: [
        { sku: 'T-S', quantity: 1, options: { Talle: 'S' } },
        { sku: 'T-M', quantity: 2, options: { Talle: 'M' } },
      ],
    });
    await clock.drive(() => ml.getInventory({ skus: ['T-S', 'T-M'] }));
    simulator.state.items.get(tee.id)!.variations!.shift();
    const result = await clock.drive(() =>
      ml.setInventory([
        { sku: 'T-S', quantity: 5 },
        { sku: 'T-M', quantity: 7 },
      ]),
    );
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual(['not_found', 'ok']);
    expect(simulator.state.items.get(tee.id)!.variations!.map((variation) => variation.available_quantity)).toEqual([
      7,
    ]);
  });
});

describe('stock per warehouse (user products)', () => {
  function warehouses() {
    const context = setup(server, {}, { stock: 'auto' });
    const { simulator } = context;
    simulator.catalog.enableWarehouses();
    const kettle = simulator.catalog.addItem({ title: 'Kettle', price: 30000, sku: 'KET-1' });
    const up = simulator.catalog.setStockLocations(kettle.id, [
      { type: 'seller_warehouse', store_id: '9876543', network_node_id: 'MXP1', quantity: 15 },
      { type: 'seller_warehouse', store_id: '9876553', network_node_id: 'MXP2', quantity: 25 },
      { type: 'meli_facility', quantity: 7 },
    ]);
    return { ...context, kettle, up };
  }

  it('detects a multi-warehouse seller, reads each location with its version, and writes with compare-and-set', async () => {
    const { ml, simulator, clock, up, kettle } = warehouses();
    expect(await clock.drive(() => ml.stockMode())).toBe('user-products');
    const levels = await clock.drive(() => ml.getInventory({ skus: ['KET-1'] }));
    expect(levels.map((level) => [level.locationId, level.available, level.version])).toEqual([
      ['9876543', 15, 1],
      ['9876553', 25, 1],
      ['meli_facility', 7, 1],
    ]);
    const result = await clock.drive(() =>
      ml.setInventory([
        { sku: 'KET-1', locationId: '9876553', quantity: 20, expectedVersion: 1, expectedAvailable: 25 },
      ]),
    );
    expect(result.items[0]).toMatchObject({ ok: true, value: { locationId: '9876553', available: 20, version: 2 } });
    expect(simulator.state.userProducts.get(up)!.locations.map((location) => location.quantity)).toEqual([15, 20, 7]);
    expect(simulator.state.items.get(kettle.id)!.available_quantity).toBe(42);
  });

  it('a stale version or quantity is a conflict per item, and nothing is overwritten', async () => {
    const { ml, simulator, clock, up } = warehouses();
    const stale = await clock.drive(() =>
      ml.setInventory([{ sku: 'KET-1', locationId: '9876543', quantity: 1, expectedVersion: 0 }]),
    );
    expect(stale.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const moved = await clock.drive(() =>
      ml.setInventory([{ sku: 'KET-1', locationId: '9876543', quantity: 1, expectedAvailable: 14 }]),
    );
    expect(moved.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(simulator.state.userProducts.get(up)!.locations[0]!.quantity).toBe(15);
  });

  it('a write between our read and our write is refused by MercadoLibre (409): a compare-and-set write reports it, an absolute one reads again and writes', async () => {
    const { ml, simulator, clock, up, make } = warehouses();
    let interfered = 0;
    const interfering: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      // Someone else writes right after each of our first two reads of the stock.
      if (request.method === 'GET' && new URL(request.url).pathname.endsWith('/stock') && interfered++ < 2)
        simulator.state.userProducts.get(up)!.version++;
      return response;
    };
    const racing = make({ stock: 'user-products' }, { fetch: interfering });
    const compared = await clock.drive(() =>
      racing.setInventory([{ sku: 'KET-1', locationId: '9876543', quantity: 1, expectedAvailable: 15 }]),
    );
    expect(compared.items[0]).toMatchObject({ ok: false, error: { code: 'conflict', status: 409 } });
    const absolute = await clock.drive(() =>
      racing.setInventory([{ sku: 'KET-1', locationId: '9876543', quantity: 2 }]),
    );
    expect(absolute.items[0]).toMatchObject({ ok: true, value: { available: 2 } });
    expect(simulator.state.userProducts.get(up)!.locations[0]!.quantity).toBe(2);
    void ml;
  });

  it('asks for a location when a user product has several, and refuses Full stock; item stock writes are refused by MercadoLibre for such sellers', async () => {
    const { ml, simulator, clock, make } = warehouses();
    const result = await clock.drive(() =>
      ml.setInventory([
        { sku: 'KET-1', quantity: 3 },
        { sku: 'KET-1', locationId: 'meli_facility', quantity: 3 },
      ]),
    );
    expect(
      result.items.map((item) =>
        item.ok ? 'ok' : (item.error as { issues?: { message: string }[] }).issues?.[0]?.message,
      ),
    ).toEqual([
      'Name the location to write (one of: 9876543, 9876553).',
      'meli_facility stock is managed by MercadoLibre (Full) and cannot be written.',
    ]);
    const forced = make({ stock: 'items' });
    const refused = await clock.drive(() => forced.setInventory([{ sku: 'KET-1', quantity: 3 }]));
    expect(refused.items[0]).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(ml.capabilities.inventoryCompareAndSet).toBe(false); // auto: only an explicit 'user-products' promises it
    expect(make({ stock: 'user-products' }).capabilities.inventoryCompareAndSet).toBe(true);
    void simulator;
  });
});
