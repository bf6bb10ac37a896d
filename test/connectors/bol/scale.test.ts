import { describe, expect, it } from 'vitest';
import { BOL_RATE_LIMITS } from '../../../src/connectors/bol/index.js';
import { setup } from './harness.js';

const COUNT = 10_000;

describe('a 10,000-offer stock update against the simulator', () => {
  it('is never throttled, uses the stock window fully and reports every item correctly', async () => {
    // Every 997th offer is refused by bol.com when processed; every 1,009th times out.
    const failing = (index: number) => index % 997 === 5;
    const timingOut = (index: number) => index % 1009 === 7;
    const h = setup({
      simulator: {
        decide: (write) => {
          const index = Number(String(write.entityId).slice('offer-'.length)) - 1;
          if (write.eventType !== 'UPDATE_OFFER_STOCK' || Number.isNaN(index)) return undefined;
          return failing(index)
            ? { status: 'FAILURE', errorMessage: `Offer ${write.entityId} is blocked.` }
            : timingOut(index)
              ? { status: 'TIMEOUT' }
              : undefined;
        },
      },
    });
    const offers = Array.from({ length: COUNT }, (_, i) =>
      h.simulator.addOffer({ ean: String(8_700_000_000_000 + i), price: 9.99, stock: 500 }),
    );
    await h.run(() => h.bol.refreshOfferIndex());
    h.simulator.resetStats();
    const started = h.clock.now();
    const result = await h.run(() =>
      h.bol.setInventory(offers.map((offer, i) => ({ sku: offer.ean, quantity: (i * 7) % 1000 }))),
    );
    const elapsed = h.clock.now() - started;

    const stats = h.simulator.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.groups['offers-stock']?.requests).toBe(COUNT);
    expect(stats.groups['process-status-bulk']!.requests).toBeLessThanOrEqual(15);
    // 10,000 writes at 25 per window of 1 s need 399 s; the last statuses settle 1.5 s later.
    const { limit, windowMs } = BOL_RATE_LIMITS['offers-stock']!;
    const allowed = (Math.ceil(COUNT / limit) - 1) * windowMs;
    expect(elapsed).toBeGreaterThanOrEqual(allowed);
    expect(allowed / elapsed).toBeGreaterThan(0.98);

    let expectedFailures = 0;
    result.items.forEach((item, i) => {
      const stored = h.simulator.state.offers.get(offers[i]!.offerId)!.stock.amount;
      if (failing(i) || timingOut(i)) {
        expectedFailures++;
        expect(item.ok, `item ${i}`).toBe(false);
        expect(!item.ok && item.error.retryable).toBe(timingOut(i) && !failing(i));
        expect(stored).toBe(500);
      } else {
        expect(item.ok && item.value.available, `item ${i}`).toBe((i * 7) % 1000);
        expect(stored).toBe((i * 7) % 1000);
      }
    });
    expect(result.failed).toBe(expectedFailures);
    expect(expectedFailures).toBeGreaterThan(15);
  }, 300_000);
});
