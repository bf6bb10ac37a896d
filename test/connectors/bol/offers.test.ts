import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { money } from '../../../src/model/money.js';
import type { Product } from '../../../src/model/product.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('bol.com offers', () => {
  it('lists offers through the export, with CSV quoting, references and exact prices', async () => {
    const h = setup({ server, config: { identifier: 'reference' } });
    h.simulator.addOffer({ ean: '8712626055143', price: 1234.5, stock: 3, reference: 'MUG, "blue"', title: 'Mug' });
    h.simulator.addOffer({ ean: '8712626055150', price: 9.99, stock: 0, onHold: true });
    const products = await h.run(() => all(h.bol.listProducts()));
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({
      status: 'active',
      offers: [{ sku: 'MUG, "blue"', barcode: '8712626055143', price: { amountMinor: 123_450, currency: 'EUR' } }],
      attributes: { 'bol:stock': '3' },
    });
    const drafts = await h.run(() => all(h.make({ identifier: 'ean' }).listProducts({ status: 'draft' })));
    expect(drafts.map((product) => product.offers[0]!.sku)).toEqual(['8712626055150']);
  });

  it('resumes an export in progress after a crash instead of requesting a second one', async () => {
    const h = setup({
      server,
      simulator: { processingMs: (write) => (write.eventType === 'CREATE_OFFER_EXPORT' ? 120_000 : 1500) },
    });
    h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const controller = new AbortController();
    const first = h.run(() => all(h.bol.listProducts({}, { signal: controller.signal })));
    while ((h.simulator.stats().groups['process-status']?.requests ?? 0) < 1)
      await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('crash'));
    await expect(first).rejects.toThrow('crash');
    const products = await h.run(() => all(h.make().listProducts()));
    expect(products).toHaveLength(1);
    expect(h.simulator.stats().groups['offers-export']?.requests).toBe(1);
  });

  it('creates an offer, learns its id from the process status and writes to it by EAN without a new export', async () => {
    const h = setup({ server, config: { deliveryCode: '1-2d' } });
    const created = await h.run(() =>
      h.bol.upsertProducts([
        {
          title: 'Desk lamp',
          attributes: { 'bol:stock': '4', 'bol:condition': 'AS_NEW' },
          offers: [{ sku: '8712626055143', price: money(3995, 'EUR'), condition: 'used' }],
        },
      ]),
    );
    expect(created.failed).toBe(0);
    const product = (created.items[0] as { value: Product }).value;
    const stored = h.simulator.state.offers.get(product.id)!;
    expect(stored).toMatchObject({
      ean: '8712626055143',
      condition: { name: 'AS_NEW' },
      stock: { amount: 4, managedByRetailer: true },
      fulfilment: { method: 'FBR', deliveryCode: '1-2d' },
      pricing: { bundlePrices: [{ quantity: 1, unitPrice: 39.95 }] },
    });
    expect((await h.run(() => h.bol.setInventory([{ sku: '8712626055143', quantity: 9 }]))).failed).toBe(0);
    expect(stored.stock.amount).toBe(9);
    expect(h.simulator.stats().groups['offers-export']?.requests ?? 0).toBe(0);
  });

  it('refuses products bol.com cannot take as one offer, per item', async () => {
    const h = setup({ server });
    const result = await h.run(() =>
      h.bol.upsertProducts([
        {
          title: 'Two variants',
          offers: [
            { sku: '8712626055143', price: money(999, 'EUR') },
            { sku: '8712626055150', price: money(999, 'EUR') },
          ],
        },
        { title: 'No EAN', offers: [{ sku: 'MUG-1', price: money(999, 'EUR') }] },
        {
          title: 'Used without a grade',
          offers: [{ sku: '8712626055167', price: money(999, 'EUR'), condition: 'used' }],
        },
      ]),
    );
    expect(result.items.map((item) => item.ok)).toEqual([false, false, false]);
    expect(h.simulator.stats().groups['offers-write']).toBeUndefined();
  });

  it('updates and deletes offers by offer id, and refuses SKUs offered in two conditions', async () => {
    const h = setup({ server });
    const a = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    h.simulator.addOffer({ ean: '8712626055143', price: 7.5, condition: 'GOOD' });
    const updated = await h.run(() =>
      h.bol.upsertProducts([
        {
          id: a.offerId,
          title: 'Mug',
          status: 'draft',
          attributes: { 'bol:deliveryCode': '2-3d' },
          offers: [{ sku: a.ean, price: money(1049, 'EUR') }],
        },
      ]),
    );
    expect(updated.failed).toBe(0);
    expect(h.simulator.state.offers.get(a.offerId)).toMatchObject({
      onHoldByRetailer: true,
      fulfilment: { deliveryCode: '2-3d' },
      pricing: { bundlePrices: [{ quantity: 1, unitPrice: 10.49 }] },
    });
    const ambiguous = await h.run(() => h.bol.setInventory([{ sku: a.ean, quantity: 1 }]));
    expect(ambiguous.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!ambiguous.items[0]!.ok && ambiguous.items[0]!.error.message).toMatch(/2 bol.com offers \(NEW, GOOD\)/);
    expect((await h.run(() => h.bol.deleteProducts([a.offerId]))).failed).toBe(0);
    expect(h.simulator.state.offers.has(a.offerId)).toBe(false);
    const product = await h.run(() => h.bol.getProduct([...h.simulator.state.offers.keys()][0]!));
    expect(product.offers[0]).toMatchObject({ condition: 'used', price: { amountMinor: 750 } });
  });

  it('reads stock: corrected for open orders on FBR offers, warehouse stock on FBB offers', async () => {
    const h = setup({ server });
    const fbr = h.simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 10 });
    const fbb = h.simulator.addOffer({ ean: '8712626055150', price: 9.99, stock: 6, fulfilment: 'FBB' });
    await h.clock.advance(1000);
    h.simulator.addOrder({ items: [{ offerId: fbr.offerId, quantity: 3 }] });
    const levels = await h.run(() => h.bol.getInventory({ skus: [fbr.ean, fbb.ean, '8712626050000'] }));
    expect(levels).toEqual([
      expect.objectContaining({ sku: fbr.ean, locationId: 'FBR', available: 7, reserved: 3, onHand: 10, version: 7 }),
      expect.objectContaining({ sku: fbb.ean, locationId: 'FBB', available: 6, reserved: 0, onHand: 6 }),
    ]);
  });

  it('rejects an offer answer it cannot read with a MarketplaceApiError, never an untyped error', async () => {
    const h = setup({ server });
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const answers: (Record<string, unknown> | null)[] = [
      null,
      { offerId: offer.offerId },
      { offerId: offer.offerId, ean: offer.ean, pricing: { bundlePrices: [{ quantity: 2, unitPrice: 9.99 }] } },
      { offerId: offer.offerId, ean: offer.ean, pricing: { bundlePrices: [{ quantity: 1, unitPrice: 'free' }] } },
    ];
    for (const answer of answers) {
      server.use(
        http.get(
          `https://api.bol.com/retailer/offers/${offer.offerId}`,
          () => HttpResponse.json(answer, { headers: { 'content-type': 'application/vnd.retailer.v10+json' } }),
          { once: true },
        ),
      );
      const error = await h.run(() => h.bol.getProduct(offer.offerId)).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(answer)).toBeInstanceOf(MarketplaceApiError);
      expect(error).toMatchObject({
        retryable: false,
        operation: 'getProduct',
        message: expect.stringContaining(`offer ${offer.offerId}`),
      });
    }
  });
});
