import type { Command } from 'commander';
import { SimulatedMarketplace } from '../../simulated/simulated-marketplace.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { CliError, emit, formatTable, type CliIo } from '../output.js';
import { progress } from '../progress.js';

const integer = (name: string, value: string, min: number): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min)
    throw new CliError(`--${name} must be a whole number of at least ${min}; got "${value}".`);
  return parsed;
};

/**
 * `marketbridge simulate`: runs the simulated marketplace for some simulated hours with a
 * seed (the same seed gives the same run) and prints what happened.
 *
 * @example
 * ```ts
 * registerSimulate(program, () => io);
 * ```
 */
export function registerSimulate(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('simulate')
    .description('run the simulated marketplace with a seed and print a summary')
    .option('--seed <n>', 'seed of the catalog and the buyers', '1')
    .option('--products <n>', 'products in the catalog', '50')
    .option('--orders-per-hour <n>', 'average orders per simulated hour', '30')
    .option('--hours <n>', 'simulated hours to run', '24')
    .action(
      async (options: { seed: string; products: string; ordersPerHour: string; hours: string }, command: Command) => {
        const out = io(command);
        const seed = integer('seed', options.seed, 0);
        const products = integer('products', options.products, 1);
        const perHour = integer('orders-per-hour', options.ordersPerHour, 0);
        const hours = integer('hours', options.hours, 1);
        const clock = new FakeClock(Date.UTC(2026, 0, 1));
        const simulated = new SimulatedMarketplace({ seed, products, orders: { perHour } }, { clock });
        const bar = progress(out, hours, 'hours');
        for (let hour = 1; hour <= hours; hour++) {
          await clock.advance(3_600_000);
          simulated.processArrivals();
          bar.update(hour);
        }
        bar.stop();
        const state = simulated.snapshot();
        const units = state.orders.reduce(
          (sum, order) => sum + order.lineItems.reduce((lines, line) => lines + line.quantity, 0),
          0,
        );
        const revenue = new Map<string, bigint>();
        for (const order of state.orders) {
          const total = order.totals?.total;
          if (total) revenue.set(total.currency, (revenue.get(total.currency) ?? 0n) + BigInt(total.amountMinor));
        }
        const summary = {
          seed,
          hours,
          products: state.products.length,
          skus: state.inventory.length,
          orders: state.orders.length,
          unitsSold: units,
          lostSales: state.lostSales,
          stockLeft: state.inventory.reduce((sum, level) => sum + level.available, 0),
          revenueMinor: Object.fromEntries([...revenue].map(([currency, amount]) => [currency, amount.toString()])),
        };
        emit(out, summary, () =>
          formatTable(
            Object.entries(summary).map(([what, value]) => ({ what, value })),
            ['what', 'value'],
          ),
        );
      },
    );
}
