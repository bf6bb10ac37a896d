import { describe, expect, it } from 'vitest';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('bol.com stock writes', () => {
  it('sets stock by EAN through the offer index and reports each item from its process status', async () => {
    const h = setup({ server });
    const a = h.simulator.addOffer({ ean: '8712626055143', price: 9.99, stock: 1 });
    const b = h.simulator.addOffer({ ean: '8712626055150', price: 19.99, stock: 1 });
    const result = await h.run(() =>
      h.bol.setInventory([
        { sku: a.ean, quantity: 12 },
        { sku: b.ean, quantity: 0 },
      ]),
    );
    expect(result.failed).toBe(0);
    expect(result.items.map((item) => item.ok && item.value.available)).toEqual([12, 0]);
    expect(h.simulator.state.offers.get(a.offerId)?.stock.amount).toBe(12);
    expect(h.simulator.state.offers.get(b.offerId)?.stock.amount).toBe(0);
    expect(h.simulator.stats().throttled).toBe(0);
  });
});
