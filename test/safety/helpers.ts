import { EventBus } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { MarketplaceFactory } from '../../src/core/marketplace-factory.js';
import type { MarketbridgeEvents } from '../../src/core/events.js';
import { IntegrationValidator, RealWorldAdapter, type SafetyConstraints } from '../../src/safety/index.js';
import { SimulatedConfigSchema, type SimulatedConfig } from '../../src/simulated/config.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { MemoryStore } from '../../src/stores/memory-store.js';

/** A factory whose `simulated` definition hands the created instances to the test. */
export function capturingFactory() {
  const instances: SimulatedMarketplace[] = [];
  const factory = new MarketplaceFactory().register(
    defineMarketplace({
      name: 'simulated',
      configSchema: SimulatedConfigSchema,
      create: (config, context) => {
        const instance = new SimulatedMarketplace(config, context);
        instances.push(instance);
        return instance;
      },
    }),
  );
  return { factory, instances };
}

/** An adapter in simulation mode on a fake clock, with one simulated marketplace connected. */
export async function simulationAdapter(config: SimulatedConfig = {}, constraints?: SafetyConstraints) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 8));
  const events = new EventBus();
  const store = new MemoryStore({ clock });
  const context = { clock, events, store, tenantId: 'seller-1', logger: silentLogger };
  const validator = new IntegrationValidator({ context, ...(constraints ? { constraints } : {}) });
  const { factory, instances } = capturingFactory();
  const adapter = new RealWorldAdapter({ mode: 'simulation', context, validator, factory });
  const connected = await adapter.initializeMarketplaceConnection({
    marketplace: 'simulated',
    config: { seed: 3, products: 20, rateLimit: false, ...config },
  });
  if (connected.isErr()) throw new Error(connected.error.message);
  const simulated = instances[0] as SimulatedMarketplace;
  const seen: { [K in keyof MarketbridgeEvents]?: MarketbridgeEvents[K][] } = {};
  for (const name of ['actionBlocked', 'rollback', 'conflict', 'throttled'] as const) {
    events.on(name, (payload) => {
      (seen[name] ??= [] as never[]).push(payload as never);
    });
  }
  return { adapter, clock, events, store, validator, simulated, seen };
}

/** The catalog part of a snapshot, comparable across re-creation (ids left out). */
export function catalogBySku(simulated: SimulatedMarketplace) {
  const state = simulated.snapshot();
  const stock = new Map(state.inventory.map((level) => [`${level.sku}@${level.locationId}`, level.available]));
  return Object.fromEntries(
    state.products.flatMap((product) =>
      product.offers.map((offer) => [
        offer.sku,
        { title: product.title, price: offer.price.amountMinor, available: stock.get(`${offer.sku}@default`) },
      ]),
    ),
  );
}
