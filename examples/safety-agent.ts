/**
 * A pricing agent goes from simulation to sandbox to live with the safety layer.
 *
 * 1. Simulation: the agent tunes its pricing policy (how much to raise or lower prices by stock
 *    level) against simulated marketplaces and keeps the most profitable setting.
 * 2. Sandbox: it runs the policy through a RealWorldAdapter in sandbox mode; the validator
 *    checks every action, each write is verified by reading back, and simulation and sandbox
 *    are compared.
 * 3. Live (explicitly confirmed): it runs again; the validator blocks a price of 0.01 and a
 *    mass delete of 1,000 listings.
 *
 * Simulated marketplaces stand in for the sandbox and the live marketplace, so this runs
 * offline: `npx tsx examples/safety-agent.ts`.
 */
import {
  MarketplaceFactory,
  defineMarketplace,
  formatMoney,
  type MarketplaceAction,
  type Product,
  type InventoryLevel,
} from 'marketbridge';
import { IntegrationValidator, RealWorldAdapter } from 'marketbridge/safety';
import { SimulatedConfigSchema, SimulatedMarketplace } from 'marketbridge/simulated';
import { FakeClock } from 'marketbridge/testing';

type Policy = { lowStock: number; raiseBps: number; lowerBps: number };
const HOUR = 3_600_000;

/** The agent: raise prices of scarce SKUs, lower prices of plentiful ones, never below cost. */
function decide(policy: Policy, products: Product[], stock: Map<string, number>): MarketplaceAction[] {
  const actions: MarketplaceAction[] = [];
  for (const offer of products.flatMap((product) => product.offers)) {
    const available = stock.get(offer.sku) ?? 0;
    const bps = available <= policy.lowStock ? policy.raiseBps : available > 40 ? -policy.lowerBps : 0;
    if (bps === 0) continue;
    // Integer arithmetic on minor units only.
    const amountMinor = offer.price.amountMinor + Number((BigInt(offer.price.amountMinor) * BigInt(bps)) / 10_000n);
    actions.push({ type: 'set_price', sku: offer.sku, price: { amountMinor, currency: offer.price.currency } });
  }
  return actions;
}

const stockBySku = (levels: InventoryLevel[]) =>
  levels.reduce((map, l) => map.set(l.sku, (map.get(l.sku) ?? 0) + l.available), new Map<string, number>());

/** One simulated day under a policy: the gross margin of what sold, in minor units. */
async function simulateDay(policy: Policy, seed: number): Promise<{ margin: number; orders: number }> {
  const clock = new FakeClock(Date.UTC(2026, 10, 1));
  const simulated = new SimulatedMarketplace(
    { seed, products: 40, orders: { perHour: 40 }, rateLimit: false },
    { clock },
  );
  const start = simulated.snapshot();
  await simulated.updatePrices(
    decide(policy, start.products, stockBySku(start.inventory)).flatMap((a) =>
      a.type === 'set_price' ? [{ sku: a.sku, price: a.price }] : [],
    ),
  );
  await clock.advance(24 * HOUR);
  const end = simulated.snapshot();
  const cost = new Map(end.products.flatMap((p) => p.offers.map((o) => [o.sku, o.cost?.amountMinor ?? 0] as const)));
  let margin = 0;
  for (const order of end.orders)
    for (const line of order.lineItems)
      margin += (line.unitPrice.amountMinor - (cost.get(line.sku) ?? 0)) * line.quantity;
  return { margin, orders: end.orders.length };
}

/** A factory whose 'simulated' marketplaces stand in for a sandbox and a live shop. */
function standInFactory(instances: SimulatedMarketplace[]) {
  return new MarketplaceFactory().register(
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
}

async function runPolicy(adapter: RealWorldAdapter, policy: Policy) {
  const { marketplaces } = await adapter.syncStateFromRealWorld();
  const state = marketplaces[0]!;
  const actions = decide(policy, state.products, stockBySku(state.inventory));
  let applied = 0;
  let blocked = 0;
  for (const action of actions) {
    const result = await adapter.executeAction(action);
    if (result.isOk()) applied++;
    else blocked++;
  }
  return { actions, applied, blocked };
}

// 1. Simulation: tune the policy.
const candidates: Policy[] = [
  { lowStock: 5, raiseBps: 500, lowerBps: 300 },
  { lowStock: 10, raiseBps: 800, lowerBps: 200 },
  { lowStock: 15, raiseBps: 1200, lowerBps: 0 },
];
let best = { policy: candidates[0]!, margin: Number.NEGATIVE_INFINITY, orders: 0 };
for (const policy of candidates) {
  const { margin, orders } = await simulateDay(policy, 11);
  if (margin > best.margin) best = { policy, margin, orders };
}
console.log(
  `simulation: tuned policy ${JSON.stringify(best.policy)} (simulated margin ${formatMoney({ amountMinor: best.margin, currency: 'EUR' })} EUR over ${best.orders} orders)`,
);

// 2. Sandbox.
const instances: SimulatedMarketplace[] = [];
const clock = new FakeClock(Date.UTC(2026, 10, 22, 9));
const validator = new IntegrationValidator({
  constraints: { price: { maxChangePerActionBps: 2_000, maxChangePerWindow: { bps: 3_000, windowMs: 24 * HOUR } } },
  context: { clock },
});
const sandbox = new RealWorldAdapter({
  mode: 'sandbox',
  factory: standInFactory(instances),
  validator,
  context: { clock },
});
await sandbox.initializeMarketplaceConnection({
  id: 'sandbox-shop',
  marketplace: 'simulated',
  config: { name: 'sandbox-shop', seed: 11, products: 40, orders: { perHour: 36 }, rateLimit: false },
});
const sandboxRun = await runPolicy(sandbox, best.policy);
console.log(`sandbox: ${sandboxRun.applied} price changes applied and verified, ${sandboxRun.blocked} blocked`);

const seen = simulateDayState(11);
const simAction = decide(best.policy, seen.products, stockBySku(seen.inventory))[0]!;
const consistency = validator.validateActionConsistency(simAction, sandboxRun.actions[0]!, { toleranceBps: 100 });
console.log(
  `sandbox: first action consistent with simulation: ${consistency.consistent} (max delta ${consistency.maxDeltaBasisPoints} bp)`,
);
await clock.advance(24 * HOUR);
const sandboxOrders = instances[0]!.snapshot().orders.length;
const performance = validator.compareSimulationVsRealPerformance({
  simulationResults: { orders: best.orders },
  realWorldResults: { orders: sandboxOrders },
  tolerance: 2_500,
});
console.log(
  `sandbox: orders ${sandboxOrders} vs simulated ${best.orders} -> within tolerance: ${performance.withinTolerance}`,
);

// 3. Live, explicitly confirmed.
const live = new RealWorldAdapter({
  mode: 'live',
  confirmLive: true,
  factory: standInFactory(instances),
  validator,
  context: { clock },
});
await live.initializeMarketplaceConnection({
  id: 'live-shop',
  marketplace: 'simulated',
  config: { name: 'live-shop', seed: 12, products: 1_200, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
});
const preview = await live.dryRun(
  decide(best.policy, instances[1]!.snapshot().products.slice(0, 1), new Map())[0] ?? {
    type: 'acknowledge_orders',
    orderIds: ['none'],
  },
);
if (preview.isOk())
  console.log(
    `live: dry run of "${preview.value.plan.summary}" -> ${preview.value.diff.length} change(s), nothing written`,
  );
const liveRun = await runPolicy(live, best.policy);
console.log(`live: ${liveRun.applied} price changes applied and verified, ${liveRun.blocked} blocked`);

const liveShop = instances[1]!;
const victim = liveShop.snapshot().products[0]!.offers[0]!;
const penny = await live.executeAction({
  type: 'set_price',
  sku: victim.sku,
  price: { amountMinor: 1, currency: victim.price.currency },
});
if (penny.isErr())
  console.log(
    `live: BLOCKED price 0.01 for ${victim.sku}: ${penny.error.report?.validation.violations.map((v) => v.reason).join(', ')}`,
  );
const ids = liveShop
  .snapshot()
  .products.slice(0, 1_000)
  .map((p) => p.id);
const massDelete = await live.executeAction({ type: 'delete_listings', productIds: ids });
if (massDelete.isErr())
  console.log(
    `live: BLOCKED delete of ${ids.length} listings: ${massDelete.error.report?.validation.violations[0]?.message}`,
  );

const health = await live.getHealthStatus();
const after = liveShop.snapshot();
console.log(
  `live: ${after.products.length} listings still there, price of ${victim.sku} is ${formatMoney(after.products[0]!.offers[0]!.price)}; counters ${JSON.stringify(health.counters)}`,
);

/** The start state of a simulated shop, as the agent saw it in simulation. */
function simulateDayState(seed: number) {
  return new SimulatedMarketplace({ seed, products: 40, orders: { perHour: 40 }, rateLimit: false }).snapshot();
}
