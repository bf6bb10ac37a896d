import { describe, expect, it } from 'vitest';
import { BolClient, resolveBolEndpoints } from '../../../src/connectors/bol/index.js';
import { updatePriceRequest, updateStockRequest } from '../../../src/connectors/bol/requests/offers.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const eur = (cents: number) => money(cents, 'EUR');

function seeded(count: number) {
  const h = setup({ server });
  const list = Array.from({ length: count }, (_, i) =>
    h.simulator.addOffer({ ean: String(8_712_626_056_000 + i), price: 9.99, stock: 1 }),
  );
  return { h, list };
}

describe('bol.com rules checked per item before anything is sent', () => {
  it('refuses stock above 999 per item and writes the rest', async () => {
    const { h, list } = seeded(3);
    const result = await h.run(() =>
      h.bol.setInventory([
        { sku: list[0]!.ean, quantity: 999 },
        { sku: list[1]!.ean, quantity: 1000 },
        { sku: list[2]!.ean, quantity: 25_000 },
      ]),
    );
    expect(result.items.map((item) => item.ok)).toEqual([true, false, false]);
    const refused = result.items[1]!;
    expect(!refused.ok && refused.error).toBeInstanceOf(ValidationError);
    expect(!refused.ok && (refused.error as ValidationError).issues).toEqual([
      { path: [1, 'quantity'], message: expect.stringMatching(/at most 999 .* got 1000/) },
    ]);
    expect(h.simulator.stats().groups['offers-stock']?.requests).toBe(1);
    expect(h.simulator.state.offers.get(list[1]!.offerId)!.stock.amount).toBe(1);
  });

  it("sends 999 for larger stock with stockAboveMaximum: 'cap'", async () => {
    const h = setup({ server, config: { stockAboveMaximum: 'cap' } });
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const result = await h.run(() => h.bol.setInventory([{ sku: offer.ean, quantity: 1500 }]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { available: 999 } });
    expect(h.simulator.state.offers.get(offer.offerId)!.stock.amount).toBe(999);
  });

  it('refuses FBB stock, unknown locations, repeated SKUs and unknown SKUs per item', async () => {
    const { h, list } = seeded(2);
    const fbb = h.simulator.addOffer({ ean: '8712626059999', price: 9.99, fulfilment: 'FBB' });
    const result = await h.run(() =>
      h.bol.setInventory([
        { sku: list[0]!.ean, quantity: 1, locationId: 'FBB' },
        { sku: list[1]!.ean, quantity: 1, locationId: 'WAREHOUSE-2' },
        { sku: fbb.ean, quantity: 1 },
        { sku: '8712626050000', quantity: 1 },
        { sku: list[0]!.ean, quantity: 2 },
      ]),
    );
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'validation_failed',
      'validation_failed',
      'validation_failed',
      'not_found',
      'validation_failed',
    ]);
    expect(h.simulator.stats().groups['offers-stock']).toBeUndefined();
  });

  it('rejects a whole batch that the canonical schema or compare-and-set forbids', async () => {
    const { h, list } = seeded(1);
    await expect(h.bol.setInventory([{ sku: list[0]!.ean, quantity: -1 }])).rejects.toBeInstanceOf(ValidationError);
    await expect(h.bol.setInventory([{ sku: list[0]!.ean, quantity: 1, expectedVersion: 2 }])).rejects.toThrow(
      /no compare-and-set/,
    );
    expect(h.simulator.stats().requests).toBe(0);
  });

  it('refuses bundle prices that break the rules per item, and converts valid ones exactly', async () => {
    const { h, list } = seeded(7);
    const updates = [
      {
        sku: list[0]!.ean,
        bundlePrices: [
          { quantity: 6, unitPrice: eur(899) },
          { quantity: 1, unitPrice: eur(999) },
        ],
      },
      { sku: list[1]!.ean, bundlePrices: [{ quantity: 2, unitPrice: eur(899) }] },
      {
        sku: list[2]!.ean,
        bundlePrices: [1, 2, 3, 4, 5].map((quantity) => ({ quantity, unitPrice: eur(1000 - quantity) })),
      },
      {
        sku: list[3]!.ean,
        bundlePrices: [
          { quantity: 1, unitPrice: eur(999) },
          { quantity: 3, unitPrice: eur(999) },
        ],
      },
      {
        sku: list[4]!.ean,
        bundlePrices: [
          { quantity: 1, unitPrice: eur(999) },
          { quantity: 25, unitPrice: eur(899) },
        ],
      },
      { sku: list[5]!.ean, bundlePrices: [{ quantity: 1, unitPrice: money(999, 'USD') }] },
      { sku: list[6]!.ean, bundlePrices: [{ quantity: 1, unitPrice: eur(99) }] },
    ];
    const result = await h.run(() => h.bol.updateBundlePrices(updates));
    expect(result.items.map((item) => item.ok)).toEqual([true, false, false, false, false, false, false]);
    const messages = result.items.map((item) =>
      item.ok ? '' : (item.error as ValidationError).issues.map((issue) => issue.message).join(' | '),
    );
    expect(messages[1]).toMatch(/requires a price for quantity 1/);
    expect(messages[2]).toMatch(/at most 4 bundle prices/);
    expect(messages[3]).toMatch(/must be lower than the one for 1/);
    expect(messages[4]).toMatch(/whole number from 1 to 24/);
    expect(messages[5]).toMatch(/prices are in EUR/);
    expect(messages[6]).toMatch(/from 1.00 to 9999.00/);
    expect(h.simulator.stats().groups['offers-price']?.requests).toBe(1);
    expect(h.simulator.state.offers.get(list[0]!.offerId)!.pricing).toEqual({
      bundlePrices: [
        { quantity: 1, unitPrice: 9.99 },
        { quantity: 6, unitPrice: 8.99 },
      ],
    });
  });

  it('refuses canonical prices bol.com cannot take, per item', async () => {
    const { h, list } = seeded(3);
    const result = await h.run(() =>
      h.bol.updatePrices([
        { sku: list[0]!.ean, price: eur(1_000_000) },
        { sku: list[1]!.ean, price: eur(1999), compareAtPrice: eur(2499) },
        { sku: list[2]!.ean, price: eur(1999), compareAtPrice: null },
      ]),
    );
    expect(result.items.map((item) => item.ok)).toEqual([false, false, true]);
    expect(h.simulator.state.offers.get(list[2]!.offerId)!.pricing.bundlePrices).toEqual([
      { quantity: 1, unitPrice: 19.99 },
    ]);
  });
});

describe('the simulator enforces the same rules on its own', () => {
  it('answers 400 with violations, which the connector turns into field issues', async () => {
    const h = setup({ server });
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const client = new BolClient({
      context: h.bol.context,
      endpoints: resolveBolEndpoints({}),
      auth: h.bol.auth,
      retry: false,
    });
    const stock = await h.run(() =>
      client
        .send(updateStockRequest(offer.offerId, { amount: 1000, managedByRetailer: true }))
        .catch((error: unknown) => error),
    );
    expect(stock).toBeInstanceOf(ValidationError);
    expect((stock as ValidationError).issues).toEqual([
      { path: ['amount'], message: 'Must be less than or equal to 999.' },
    ]);
    expect((stock as ValidationError).status).toBe(400);
    const price = await h.run(() =>
      client
        .send(
          updatePriceRequest(offer.offerId, {
            bundlePrices: [
              { quantity: 1, unitPrice: 9.99 },
              { quantity: 2, unitPrice: 12 },
            ],
          }),
        )
        .catch((error: unknown) => error),
    );
    expect((price as ValidationError).issues).toEqual([
      { path: ['pricing', 'bundlePrices', 1, 'unitPrice'], message: 'Prices must be in decreasing order.' },
    ]);
    expect(h.simulator.state.offers.get(offer.offerId)!.stock.amount).toBe(0);
  });
});
