import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const MEDIA = { 'content-type': 'application/vnd.retailer.v10+json' };

describe('bol.com answers the connector cannot read', () => {
  it('keeps a process status pending while its answers carry no state, then reports it', async () => {
    const h = setup({ server });
    const a = h.simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 1 });
    const b = h.simulator.addOffer({ ean: '8712626055150', price: 9.99, stock: 1 });
    await h.run(() => h.bol.refreshOfferIndex());
    // Two unreadable single answers, then two unreadable bulk answers (one without a list, one of junk entries).
    for (const body of [null, { status: 42 }])
      server.use(
        http.get('https://api.bol.com/shared/process-status/:id', () => HttpResponse.json(body, { headers: MEDIA }), {
          once: true,
        }),
      );
    const one = await h.run(() => h.bol.setInventory([{ sku: a.ean, quantity: 4 }]));
    expect(one.succeeded).toBe(1);
    for (const body of [{}, { processStatuses: [null, 'x', { processStatusId: {} }] }])
      server.use(
        http.post('https://api.bol.com/shared/process-status', () => HttpResponse.json(body, { headers: MEDIA }), {
          once: true,
        }),
      );
    const two = await h.run(() =>
      h.bol.setInventory([
        { sku: a.ean, quantity: 5 },
        { sku: b.ean, quantity: 6 },
      ]),
    );
    expect(two.succeeded).toBe(2);
    expect([
      h.simulator.state.offers.get(a.offerId)!.stock.amount,
      h.simulator.state.offers.get(b.offerId)!.stock.amount,
    ]).toEqual([5, 6]);
  });

  it('keeps polling an offers export whose status answer carries no state', async () => {
    const h = setup({ server });
    h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    server.use(
      http.get('https://api.bol.com/shared/process-status/:id', () => HttpResponse.json(null, { headers: MEDIA }), {
        once: true,
      }),
    );
    expect(await h.run(() => h.bol.refreshOfferIndex())).toBe(1);
  });

  it('refuses to report stock from an offer answer without its stock', async () => {
    const h = setup({ server });
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 4 });
    await h.run(() => h.bol.refreshOfferIndex());
    for (const body of [null, { offerId: offer.offerId, ean: offer.ean }]) {
      server.use(
        http.get(
          `https://api.bol.com/retailer/offers/${offer.offerId}`,
          () => HttpResponse.json(body, { headers: MEDIA }),
          { once: true },
        ),
      );
      const error = await h.run(() => h.bol.getInventory({ skus: [offer.ean] })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MarketplaceApiError);
      expect((error as MarketplaceApiError).message).toMatch(/without its stock/);
    }
    expect(await h.run(() => h.bol.getInventory({ skus: [offer.ean] }))).toMatchObject([
      { sku: offer.ean, available: 4 },
    ]);
  });
});
