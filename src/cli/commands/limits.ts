import type { Command } from 'commander';
import { AMAZON_OPERATION_LIMITS } from '../../connectors/amazon/limits.generated.js';
import { BOL_OPERATION_WINDOWS, BOL_RATE_LIMITS } from '../../connectors/bol/limits.js';
import { EBAY_CALL_LIMITS } from '../../connectors/ebay/limits.js';
import { MERCADOLIBRE_LIMITS } from '../../connectors/mercadolibre/limits.js';
import { SHOPIFY_PLAN_LIMITS } from '../../connectors/shopify/cost-planner.js';
import { CliError, emit, formatTable, type CliIo } from '../output.js';

/**
 * The built-in rate-limit tables: Shopify's GraphQL budgets per plan, Amazon SP-API's usage
 * plan per operation, bol.com's fixed windows per endpoint group, eBay's daily call limits per
 * API and MercadoLibre's budgets per resource family.
 *
 * @example
 * ```ts
 * const { shopify, amazon, bol, ebay, mercadolibre } = limitTables();
 * ```
 */
export function limitTables() {
  const bolOperations = (group: string) =>
    Object.entries(BOL_OPERATION_WINDOWS)
      .filter(([, g]) => g === group)
      .map(([operation]) => operation)
      .join(' ');
  return {
    shopify: Object.entries(SHOPIFY_PLAN_LIMITS).map(([plan, limits]) => ({
      plan,
      bucketPoints: limits.maximumAvailable,
      restorePerSecond: limits.restoreRate,
    })),
    amazon: Object.values(AMAZON_OPERATION_LIMITS).map((limit) => ({
      operation: limit.operationId,
      method: limit.method,
      path: limit.path,
      ratePerSecond: limit.rate,
      burst: limit.burst,
    })),
    bol: Object.entries(BOL_RATE_LIMITS).map(([group, window]) => ({
      group,
      limit: window.limit,
      windowMs: window.windowMs,
      operations: bolOperations(group),
    })),
    ebay: Object.entries(EBAY_CALL_LIMITS).map(([api, limit]) => ({ api, callsPerDay: limit.callsPerDay })),
    mercadolibre: Object.entries(MERCADOLIBRE_LIMITS).map(([resource, limit]) => ({
      resource,
      ratePerSecond: limit.ratePerSecond,
      burst: limit.burst,
    })),
  };
}

/** The platforms `limits --platform` accepts. */
const PLATFORMS = ['shopify', 'amazon', 'bol', 'ebay', 'mercadolibre'] as const;
type Platform = (typeof PLATFORMS)[number];

const render: Record<Platform, (rows: ReturnType<typeof limitTables>) => string> = {
  shopify: (t) =>
    `Shopify GraphQL Admin API, per plan\n${formatTable(t.shopify, ['plan', 'bucketPoints', 'restorePerSecond'])}`,
  amazon: (t) =>
    `Amazon SP-API default usage plans, per operation\n${formatTable(t.amazon, ['operation', 'method', 'ratePerSecond', 'burst', 'path'])}`,
  bol: (t) =>
    `bol.com Retailer API v10 fixed windows, per endpoint group (adopted from x-ratelimit-* answers)\n${formatTable(t.bol, ['group', 'limit', 'windowMs', 'operations'])}`,
  ebay: (t) => `eBay default call limits, per API\n${formatTable(t.ebay, ['api', 'callsPerDay'])}`,
  mercadolibre: (t) =>
    `MercadoLibre default budgets, per resource family\n${formatTable(t.mercadolibre, ['resource', 'ratePerSecond', 'burst'])}`,
};

/**
 * `marketbridge limits`: prints the built-in rate-limit tables, or one platform's with
 * `--platform`.
 *
 * @example
 * ```ts
 * registerLimits(program, () => io);
 * ```
 */
export function registerLimits(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('limits')
    .description(
      'print the built-in rate-limit tables (Shopify plans, Amazon SP-API operations, bol.com, eBay, MercadoLibre)',
    )
    .option('--platform <platform>', `only one of ${PLATFORMS.join(', ')}`)
    .action((options: { platform?: string }, command: Command) => {
      if (options.platform !== undefined && !(PLATFORMS as readonly string[]).includes(options.platform)) {
        throw new CliError(
          `--platform must be one of ${PLATFORMS.join(', ')}; got ${JSON.stringify(options.platform)}.`,
        );
      }
      const tables = limitTables();
      const chosen = options.platform === undefined ? [...PLATFORMS] : [options.platform as Platform];
      const wanted = Object.fromEntries(chosen.map((platform) => [platform, tables[platform]]));
      emit(io(command), wanted, () => chosen.map((platform) => render[platform](tables)).join('\n'));
    });
}
