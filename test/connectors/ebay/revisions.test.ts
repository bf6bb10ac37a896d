import { describe, expect, it } from 'vitest';
import { EBAY_REVISIONS_PER_LISTING_PER_DAY, EbayRevisionGuard } from '../../../src/connectors/ebay/index.js';
import { SafetyViolationError } from '../../../src/core/errors/safety-violation-error.js';
import { money } from '../../../src/model/money.js';
import { PLATFORM_CONSTRAINTS } from '../../../src/safety/constraints.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const HOUR = 3_600_000;

describe('eBay listing revision limit', () => {
  it('is the limit the safety layer knows for eBay', () => {
    expect(EBAY_REVISIONS_PER_LISTING_PER_DAY).toBe(PLATFORM_CONSTRAINTS.ebay?.platform?.revisionsPerListingPerDay);
    expect(EBAY_REVISIONS_PER_LISTING_PER_DAY).toBe(250);
  });

  it('sends 250 revisions of a listing and refuses the 251st per item, with the reason, before anything is sent', async () => {
    const { make, simulator } = setup(server);
    const ebay = make({}, { fetch: simulator.fetch });
    simulator.addListing({ sku: 'HOT', price: money(1000, 'USD'), quantity: 1 });
    simulator.addListing({ sku: 'COLD', price: money(1000, 'USD'), quantity: 1 });
    for (let i = 0; i < 250; i++) expect((await ebay.setInventory([{ sku: 'HOT', quantity: i }])).succeeded).toBe(1);
    const calls = simulator.stats().operations.bulkUpdatePriceQuantity?.calls;
    const result = await ebay.setInventory([
      { sku: 'HOT', quantity: 999 },
      { sku: 'COLD', quantity: 5 },
    ]);
    const [hot, cold] = result.items;
    expect(cold?.ok).toBe(true);
    expect(hot?.ok).toBe(false);
    expect(!hot?.ok && hot?.error).toBeInstanceOf(SafetyViolationError);
    expect(!hot?.ok && hot?.error.message).toMatch(
      /eBay allows 250 revisions of a listing per day and HOT had 250 in the last 24 hours; it was not sent/,
    );
    // One call, for COLD only; eBay never saw the 251st revision of HOT.
    expect(simulator.stats().operations.bulkUpdatePriceQuantity?.calls).toBe(calls! + 1);
    expect(simulator.stats().revisionsRefused).toBe(0);
    expect(simulator.state.items.get('HOT')?.item.availability?.shipToLocationAvailability?.quantity).toBe(249);
    expect(await ebay.revisionBudget('HOT')).toMatchObject({
      limit: 250,
      used: 250,
      remaining: 0,
      nextAt: expect.any(Number),
    });
    expect(await ebay.revisionBudget('COLD')).toMatchObject({ used: 1, remaining: 249 });
  });

  it('frees revisions 24 hours after they were sent', async () => {
    const { ebay, simulator, clock } = setup(server, {}, { revisionsPerListingPerDay: 3 });
    simulator.addListing({ sku: 'A', price: money(1000, 'USD') });
    for (let i = 0; i < 3; i++) await ebay.setInventory([{ sku: 'A', quantity: i }]);
    expect((await ebay.setInventory([{ sku: 'A', quantity: 9 }])).failed).toBe(1);
    await clock.advance(24 * HOUR + 1);
    expect((await ebay.setInventory([{ sku: 'A', quantity: 9 }])).succeeded).toBe(1);
  });

  it('does not count what eBay refused, nor unpublished offers', async () => {
    const { ebay, simulator } = setup(server, {}, { revisionsPerListingPerDay: 2 });
    simulator.addListing({ sku: 'LIVE', price: money(1000, 'USD') });
    simulator.addListing({ sku: 'DRAFT', price: money(1000, 'USD'), published: false });
    expect((await ebay.updatePrices([{ sku: 'LIVE', price: money(0, 'USD') }])).failed).toBe(1);
    for (let i = 0; i < 5; i++)
      expect((await ebay.updatePrices([{ sku: 'DRAFT', price: money(100 + i, 'USD') }])).succeeded).toBe(1);
    expect(await ebay.revisionBudget('LIVE')).toMatchObject({ used: 0 });
    expect(await ebay.revisionBudget('DRAFT')).toMatchObject({ used: 0 });
  });

  it('is enforced by the simulator on its own: with the guard off, eBay refuses the revision past its limit per item', async () => {
    const { ebay, simulator } = setup(server, { revisionsPerListingPerDay: 5 }, { revisionsPerListingPerDay: false });
    simulator.addListing({ sku: 'HOT', price: money(1000, 'USD') });
    for (let i = 0; i < 5; i++) expect((await ebay.setInventory([{ sku: 'HOT', quantity: i }])).succeeded).toBe(1);
    const result = await ebay.setInventory([{ sku: 'HOT', quantity: 999 }]);
    expect(result.failed).toBe(1);
    expect(!result.items[0]!.ok && result.items[0]!.error.message).toMatch(/reached its limit of 5 revisions today/);
    expect(simulator.stats().revisionsRefused).toBe(1);
  });

  it('counts revisions of upserts to live listings (inventory item and offer) and refuses the product before writing', async () => {
    const { ebay, simulator } = setup(server, {}, { revisionsPerListingPerDay: 3 });
    simulator.addListing({ sku: 'A', title: 'A', price: money(1000, 'USD'), quantity: 2 });
    const product = { title: 'A revised', offers: [{ sku: 'A', price: money(1100, 'USD') }] };
    expect((await ebay.upsertProducts([product])).succeeded).toBe(1);
    expect(await ebay.revisionBudget('A')).toMatchObject({ used: 2 });
    const refused = await ebay.upsertProducts([product]);
    expect(refused.failed).toBe(1);
    expect(!refused.items[0]!.ok && refused.items[0]!.error).toBeInstanceOf(SafetyViolationError);
  });

  it('never lets two processes sharing the store pass the limit together', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const guards = [
      new EbayRevisionGuard(store, clock, 'seller', 10),
      new EbayRevisionGuard(store, clock, 'seller', 10),
    ];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => guards[i % 2]!.reserve('SKU')));
    expect(answers.filter((answer) => typeof answer === 'number')).toHaveLength(10);
    expect(answers.filter((answer) => answer instanceof SafetyViolationError)).toHaveLength(30);
    const first = answers.find((answer): answer is number => typeof answer === 'number')!;
    await guards[0]!.release('SKU', first);
    expect((await guards[1]!.budget('SKU')).remaining).toBe(1);
  });
});
