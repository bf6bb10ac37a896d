import type { Command } from 'commander';
import { AMAZON_OPERATION_LIMITS } from '../../connectors/amazon/limits.generated.js';
import { SHOPIFY_PLAN_LIMITS } from '../../connectors/shopify/cost-planner.js';
import { emit, formatTable, type CliIo } from '../output.js';

/**
 * The built-in rate-limit tables: Shopify's GraphQL budgets per plan and Amazon SP-API's
 * usage plan per operation.
 *
 * @example
 * ```ts
 * const { shopify, amazon } = limitTables();
 * ```
 */
export function limitTables() {
  return {
    shopify: Object.entries(SHOPIFY_PLAN_LIMITS).map(([plan, limits]) => ({ plan, bucketPoints: limits.maximumAvailable, restorePerSecond: limits.restoreRate })),
    amazon: Object.values(AMAZON_OPERATION_LIMITS).map((limit) => ({ operation: limit.operationId, method: limit.method, path: limit.path, ratePerSecond: limit.rate, burst: limit.burst })),
  };
}

/**
 * `marketbridge limits`: prints the built-in rate-limit tables.
 *
 * @example
 * ```ts
 * registerLimits(program, () => io);
 * ```
 */
export function registerLimits(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('limits')
    .description('print the built-in rate-limit tables (Shopify plans, Amazon SP-API operations)')
    .option('--platform <platform>', 'only shopify or amazon')
    .action((options: { platform?: string }, command: Command) => {
      const tables = limitTables();
      const wanted = options.platform === 'shopify' ? { shopify: tables.shopify } : options.platform === 'amazon' ? { amazon: tables.amazon } : tables;
      emit(io(command), wanted, () =>
        [
          'shopify' in wanted ? `Shopify GraphQL Admin API, per plan\n${formatTable(tables.shopify, ['plan', 'bucketPoints', 'restorePerSecond'])}` : '',
          'amazon' in wanted ? `Amazon SP-API default usage plans, per operation\n${formatTable(tables.amazon, ['operation', 'method', 'ratePerSecond', 'burst', 'path'])}` : '',
        ].filter(Boolean).join('\n'),
      );
    });
}
