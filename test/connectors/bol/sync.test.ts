import { describe, expect, it } from 'vitest';
import { InMemoryInventorySource } from '../../../src/sync/inventory/memory-source.js';
import { InventorySyncEngine } from '../../../src/sync/inventory/engine.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('an inventory sync with bol.com as a channel', () => {
  it('writes the source stock, counts a bol.com sale once, sees no phantom restock after shipping and writes a restock', async () => {
    const h = setup({ server, simulator: { windows: { 'offers-read': { limit: 50, windowMs: 1000 } } } });
    const eans = ['8712626055143', '8712626055150', '8712626055167'];
    const offers = eans.map((ean) => h.simulator.addOffer({ ean, price: 9.99, stock: 0 }));
    const source = new InMemoryInventorySource({ [eans[0]!]: 10, [eans[1]!]: 1500, [eans[2]!]: 0 }, h.clock);
    const engine = new InventorySyncEngine({
      source,
      channels: [{ marketplace: h.bol }],
      context: { store: h.store, clock: h.clock },
    });

    const first = await h.run(() => engine.runSync({ mode: 'full' }));
    expect(first.status).toBe('completed');
    expect(offers.map((offer) => h.simulator.state.offers.get(offer.offerId)!.stock.amount)).toEqual([10, 0, 0]);
    // 1,500 is refused per item (bol.com's maximum is 999) and reported, not written.
    expect(JSON.stringify(first)).toMatch(/999/);

    await h.clock.advance(60_000);
    const order = h.simulator.addOrder({ items: [{ offerId: offers[0]!.offerId, quantity: 3 }] });
    const second = await h.run(() => engine.runSync({ mode: 'full' }));
    expect(second.status).toBe('completed');
    // The sale counted once in the source; bol.com already shows 7 sellable (10 less the order).
    expect(source.get(eans[0]!)?.available).toBe(7);
    expect(await h.run(() => h.bol.getInventory({ skus: [eans[0]!] }))).toEqual([
      expect.objectContaining({ available: 7, onHand: 10 }),
    ]);
    expect(h.simulator.stats().throttled).toBe(0);

    // Shipping the order changes nothing sellable: no phantom restock, no write.
    const writes = h.simulator.stats().groups['offers-stock']?.requests;
    await h.run(() =>
      h.bol.confirmShipment([
        {
          orderId: order.orderId,
          carrier: 'PostNL',
          trackingNumber: '3SBOL7',
          shippedAt: new Date(h.clock.now()).toISOString(),
        },
      ]),
    );
    await h.run(() => engine.runSync({ mode: 'full' }));
    expect(source.get(eans[0]!)?.available).toBe(7);
    expect(h.simulator.stats().groups['offers-stock']?.requests).toBe(writes);

    // A restock in the source is written as the new amount, and bol.com counts from there.
    source.set(eans[0]!, 20);
    await h.run(() => engine.runSync({ mode: 'full' }));
    expect(h.simulator.state.offers.get(offers[0]!.offerId)!.stock.amount).toBe(20);
    expect(await h.run(() => h.bol.getInventory({ skus: [eans[0]!] }))).toEqual([
      expect.objectContaining({ available: 20, onHand: 20 }),
    ]);
  });
});
