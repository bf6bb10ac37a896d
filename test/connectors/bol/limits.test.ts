import { describe, expect, it } from 'vitest';
import { bolClassifier, bolWindowFeedback } from '../../../src/connectors/bol/index.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('bol.com rate limits', () => {
  it('reads x-ratelimit-limit and x-ratelimit-reset into window feedback', () => {
    expect(
      bolWindowFeedback(
        new Headers({ 'x-ratelimit-limit': '25', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2' }),
      ),
    ).toEqual({ windowLimit: 25, windowResetMs: 2000, windowResetPrecisionMs: 1000 });
    expect(bolWindowFeedback(new Headers({ 'x-ratelimit-reset': '0.25' }))).toEqual({
      windowResetMs: 250,
      windowResetPrecisionMs: 10,
    });
    expect(bolWindowFeedback(new Headers({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-reset': '-1' }))).toEqual({});
  });

  it('classifies a 429 problem as throttling whatever its media type, and others by the problem status', () => {
    const headers = new Headers({ 'content-type': 'application/vnd.retailer.v10+json', 'retry-after': '3' });
    const throttled = bolClassifier({
      status: 429,
      headers,
      body: { type: 'https://api.bol.com/problems', title: 'Too Many Requests', status: 429, detail: 'Slow down.' },
      method: 'PUT',
      operation: 'updateOfferStock',
    });
    expect(throttled).toMatchObject({ kind: 'throttled', message: 'Too Many Requests: Slow down.' });
    const invalid = bolClassifier({
      status: 400,
      headers,
      body: { title: 'Error validating request.', status: 400, violations: [] },
      method: 'PUT',
      operation: 'updateOfferStock',
    });
    expect(invalid?.kind).toBe('invalid');
  });

  it('learns a larger window from the headers and uses it without being throttled', async () => {
    // bol.com allows 40 stock writes per 2 s; the connector starts from 25 per 1 s.
    const h = setup({ server, simulator: { windows: { 'offers-stock': { limit: 40, windowMs: 2000 } } } });
    const offers = Array.from({ length: 400 }, (_, i) =>
      h.simulator.addOffer({ ean: String(8_700_000_000_000 + i), price: 9.99 }),
    );
    await h.run(() => h.bol.refreshOfferIndex());
    const started = h.clock.now();
    const result = await h.run(() => h.bol.setInventory(offers.map((offer) => ({ sku: offer.ean, quantity: 3 }))));
    expect(result.failed).toBe(0);
    expect(h.simulator.stats().throttled).toBe(0);
    // 10 windows of 40 span 18 s; the last statuses settle 1.5 s later and are seen at the third poll (+3 s).
    expect(h.clock.now() - started).toBeLessThanOrEqual(21_000);
  });

  it('honours 429 and Retry-After when bol.com allows less than the connector assumed', async () => {
    const h = setup({
      server,
      simulator: { windows: { 'offers-stock': { limit: 3, windowMs: 10_000 } } },
      config: { concurrency: 8 },
    });
    const offers = Array.from({ length: 9 }, (_, i) =>
      h.simulator.addOffer({ ean: String(8_700_000_000_000 + i), price: 9.99 }),
    );
    await h.run(() => h.bol.refreshOfferIndex());
    const throttledAt: number[] = [];
    h.bol.context.events.on('throttled', (event) => {
      if (event.source === 'server') throttledAt.push(h.clock.now());
    });
    const started = h.clock.now();
    const result = await h.run(() => h.bol.setInventory(offers.map((offer) => ({ sku: offer.ean, quantity: 1 }))));
    expect(result.failed).toBe(0);
    const stats = h.simulator.stats().groups['offers-stock']!;
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.accepted).toBe(9);
    // Three windows of 10 s: the connector waited for them instead of hammering.
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(20_000);
    expect(stats.requests).toBeLessThanOrEqual(9 + 8);
  });

  it('shares one window between two processes through the store', async () => {
    const h = setup({ server });
    const offers = Array.from({ length: 100 }, (_, i) =>
      h.simulator.addOffer({ ean: String(8_700_000_000_000 + i), price: 9.99 }),
    );
    await h.run(() => h.bol.refreshOfferIndex());
    const other = h.make();
    const [a, b] = await h.run(() =>
      Promise.all([
        h.bol.setInventory(offers.slice(0, 50).map((offer) => ({ sku: offer.ean, quantity: 2 }))),
        other.setInventory(offers.slice(50).map((offer) => ({ sku: offer.ean, quantity: 2 }))),
      ]),
    );
    expect(a.failed + b.failed).toBe(0);
    expect(h.simulator.stats().throttled).toBe(0);
  });
});
