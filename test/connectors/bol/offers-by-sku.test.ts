import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors/auth-error.js';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { BolRetailerSimulator } from '../../../src/connectors/bol/simulator/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { RealWorldAdapter } from '../../../src/safety/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { CLIENT, setup, useMsw } from './harness.js';

const server = useMsw();

const requests = (h: ReturnType<typeof setup>, group: string) => h.simulator.stats().groups[group]?.requests ?? 0;

describe('BolMarketplace.getOffersBySku', () => {
  it('builds a cold offer index once through the export, then reads each matched offer fresh by id', async () => {
    const h = setup({ server });
    const mug = h.simulator.addOffer({ ean: '8712626055143', price: 12.99, stock: 3, title: 'Mug' });
    h.simulator.addOffer({ ean: '8712626055150', price: 5, stock: 1 });
    const matches = await h.run(() => h.bol.getOffersBySku(['8712626055143', '8712626050000']));
    expect(matches).toEqual([
      {
        sku: mug.ean,
        productId: mug.offerId,
        offer: expect.objectContaining({
          sku: mug.ean,
          externalId: mug.offerId,
          price: { amountMinor: 1299, currency: 'EUR' },
        }),
      },
    ]);
    expect(requests(h, 'offers-export')).toBe(1);
    expect(requests(h, 'offers-read')).toBe(1);
    // The price changed on bol.com since the export: the lookup reads it fresh, without a new export.
    h.simulator.state.offers.get(mug.offerId)!.pricing.bundlePrices[0]!.unitPrice = 13.49;
    const again = await h.run(() => h.bol.getOffersBySku([mug.ean, '8712626050000']));
    expect(again.map((match) => match.offer.price.amountMinor)).toEqual([1349]);
    expect(requests(h, 'offers-export')).toBe(1);
    expect(requests(h, 'offers-read')).toBe(2);
    expect(h.bol.capabilities.supports('getOffersBySku')).toBe(true);
  });

  it('rebuilds an index older than offerIndexTtlMs when a SKU is missing, and never when all are known', async () => {
    const h = setup({ server, config: { identifier: 'reference', offerIndexTtlMs: 60_000 } });
    h.simulator.addOffer({ ean: '8712626055143', price: 9.99, reference: 'MUG-1' });
    await h.run(() => h.bol.refreshOfferIndex());
    expect(requests(h, 'offers-export')).toBe(1);
    await h.clock.advance(120_000);
    expect((await h.run(() => h.bol.getOffersBySku(['MUG-1']))).map((match) => match.sku)).toEqual(['MUG-1']);
    expect(requests(h, 'offers-export')).toBe(1);
    h.simulator.addOffer({ ean: '8712626055150', price: 4.5, reference: 'CUP-1' });
    const matches = await h.run(() => h.bol.getOffersBySku(['CUP-1', 'MUG-1']));
    expect(matches.map((match) => [match.sku, match.offer.price.amountMinor])).toEqual([
      ['CUP-1', 450],
      ['MUG-1', 999],
    ]);
    expect(requests(h, 'offers-export')).toBe(2);
  });

  it('matches an EAN offered in two conditions once per offer, and drops an offer bol.com no longer has', async () => {
    const h = setup({ server });
    const fresh = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const used = h.simulator.addOffer({ ean: '8712626055143', price: 7.5, condition: 'GOOD' });
    const gone = h.simulator.addOffer({ ean: '8712626055150', price: 3 });
    await h.run(() => h.bol.refreshOfferIndex());
    h.simulator.state.offers.delete(gone.offerId);
    const matches = await h.run(() => h.bol.getOffersBySku([fresh.ean, gone.ean]));
    expect(matches.map((match) => [match.productId, match.offer.condition])).toEqual([
      [fresh.offerId, 'new'],
      [used.offerId, 'used'],
    ]);
    expect(requests(h, 'offers-read')).toBe(3);
    // The stale entry is gone: asking again reads nothing for it.
    await h.run(() => h.bol.getOffersBySku([gone.ean]));
    expect(requests(h, 'offers-read')).toBe(3);
  });

  it("reads many offers within bol.com's read window (the simulator throttles beyond it)", async () => {
    const h = setup({ server });
    const eans = Array.from({ length: 25 }, (_, i) => `87126260${String(55_000 + i).padStart(5, '0')}`);
    for (const ean of eans) h.simulator.addOffer({ ean, price: 2 });
    const matches = await h.run(() => h.bol.getOffersBySku(eans));
    expect(matches.map((match) => match.sku)).toEqual(eans);
    expect(requests(h, 'offers-read')).toBe(25);
    expect(h.simulator.stats().groups['offers-read']?.throttled).toBe(0);
  });

  it("turns bol.com's errors into typed errors", async () => {
    const h = setup({ server, config: { identifier: 'offerId' } });
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    server.use(
      http.get(`https://api.bol.com/retailer/offers/${offer.offerId}`, () =>
        HttpResponse.json(
          { type: 'https://api.bol.com/problems', title: 'Forbidden', status: 403, detail: 'Not your offer.' },
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    await expect(h.run(() => h.bol.getOffersBySku([offer.offerId]))).rejects.toBeInstanceOf(AuthError);
    server.resetHandlers(...h.simulator.handlers);
    server.use(
      http.get(
        `https://api.bol.com/retailer/offers/${offer.offerId}`,
        () =>
          HttpResponse.json(
            { offerId: offer.offerId, ean: offer.ean, pricing: { bundlePrices: [{ quantity: 2, unitPrice: 9.99 }] } },
            { headers: { 'content-type': 'application/vnd.retailer.v10+json' } },
          ),
        { once: true },
      ),
    );
    const unreadable = await h.run(() => h.bol.getOffersBySku([offer.offerId])).catch((error: unknown) => error);
    expect(unreadable).toBeInstanceOf(MarketplaceApiError);
    expect(unreadable).toMatchObject({ operation: 'getOffersBySku', retryable: false });
    // With identifier 'offerId' no export is needed at all.
    expect(requests(h, 'offers-export')).toBe(0);
  });
});

describe("an agent's set_price on bol.com through RealWorldAdapter in sandbox mode (demo environment)", () => {
  it('reads the price by SKU before and after the write; only a cold index costs one export', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
    const simulator = new BolRetailerSimulator({ clock, environment: 'demo' });
    const eans = Array.from({ length: 150 }, (_, i) => `8712${String(i).padStart(9, '0')}`);
    for (const ean of eans) simulator.addOffer({ ean, price: 10 });
    server.resetHandlers(...simulator.handlers);
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const config = { ...CLIENT, environment: 'demo', timeoutMs: 0 };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'bol', config }))._unsafeUnwrap();
    const groups = () =>
      Object.fromEntries(Object.entries(simulator.stats().groups).map(([group, stats]) => [group, stats.requests]));
    const first = await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: eans[149]!, price: { amountMinor: 1050, currency: 'EUR' } }),
    );
    expect(first._unsafeUnwrap()).toMatchObject({
      status: 'applied',
      verification: { ok: true },
      before: { [`offer:${eans[149]}.price`]: { amountMinor: 1000, currency: 'EUR' } },
    });
    const afterFirst = groups();
    expect(afterFirst).toMatchObject({ 'offers-export': 1, 'offers-read': 2, 'offers-price': 1 });
    await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: eans[3]!, price: { amountMinor: 1050, currency: 'EUR' } }),
    );
    const afterSecond = groups();
    expect(afterSecond['offers-export']).toBe(1);
    expect(afterSecond['offers-read']! - afterFirst['offers-read']!).toBe(2);
    expect(afterSecond['offers-price']! - afterFirst['offers-price']!).toBe(1);
  });
});
