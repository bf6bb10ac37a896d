import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import type { InventorySyncOptions } from '../../src/sync/inventory/options.js';
import type { SimulatedConfig } from '../../src/simulated/config.js';

export const skuOf = (n: number) => `SKU-${String(n).padStart(5, '0')}`;

export interface World {
  clock: FakeClock;
  store: MemoryStore;
  source: InMemoryInventorySource;
  channels: SimulatedMarketplace[];
  engine(extra?: Partial<InventorySyncOptions>): InventorySyncEngine;
  /** channel quantity of a SKU at the default location */
  shown(channel: number, sku: string): number;
}

/** A source of truth and `channels` simulated marketplaces that all list `skus` SKUs. */
export function world(options: {
  skus: number;
  channels?: number;
  stock?: (n: number) => number;
  sim?: Partial<SimulatedConfig>;
}): World {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const initial: Record<string, number> = {};
  for (let n = 1; n <= options.skus; n++) initial[skuOf(n)] = options.stock?.(n) ?? (n % 17) + 3;
  const source = new InMemoryInventorySource(initial, clock);
  const channels = Array.from(
    { length: options.channels ?? 2 },
    (_, i) =>
      new SimulatedMarketplace(
        {
          name: `chan-${i}`,
          seed: i + 1,
          products: options.skus,
          variantsPerProduct: { min: 1, max: 1 },
          rateLimit: false,
          latencyMs: { min: 0, max: 0 },
          ...options.sim,
        },
        { clock, store: new MemoryStore({ clock }) },
      ),
  );
  return {
    clock,
    store,
    source,
    channels,
    // Warnings are asserted where they matter (test/core/warnings-by-default.test.ts); elsewhere they would only be noise.
    engine: (extra = {}) =>
      new InventorySyncEngine({
        source,
        channels: channels.map((marketplace) => ({ marketplace })),
        context: { store, clock, logger: silentLogger },
        ...extra,
      }),
    shown(channel, sku) {
      return channels[channel]!.snapshot().inventory.find((level) => level.sku === sku)?.available ?? -1;
    },
  };
}

/** sku → available at the default location, for each channel */
export function shownAll(channel: SimulatedMarketplace): Map<string, number> {
  return new Map(channel.snapshot().inventory.map((level) => [level.sku, level.available]));
}

/** units sold (ordered, not cancelled) per SKU on a channel */
export function soldAll(channel: SimulatedMarketplace): Map<string, number> {
  const sold = new Map<string, number>();
  for (const order of channel.snapshot().orders) {
    for (const line of order.lineItems)
      sold.set(line.sku, (sold.get(line.sku) ?? 0) + line.quantity - line.quantityCancelled);
  }
  return sold;
}
