import type { Command } from 'commander';
import { InMemoryInventorySource } from '../../sync/inventory/memory-source.js';
import { InventorySyncEngine } from '../../sync/inventory/engine.js';
import { openConnections, readConfig } from '../config-file.js';
import { CliError, emit, formatTable, type CliIo } from '../output.js';

/**
 * `marketbridge sync --dry-run`: plans a sync between the source levels and the channels of a
 * config file and prints every change it would make as a table; nothing is written.
 *
 * @example
 * ```ts
 * registerSync(program, () => io);
 * ```
 */
export function registerSync(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('sync')
    .description('plan a sync between connections described in a config file and print the diff (needs --dry-run)')
    .requiredOption('--config <path>', 'the config file (connections, source levels, channels)')
    .option('--dry-run', 'plan only: read both sides, write nothing')
    .option('--mode <mode>', 'full or incremental', 'full')
    .action(async (options: { config: string; dryRun?: boolean; mode: string }, command: Command) => {
      const out = io(command);
      if (!options.dryRun)
        throw new CliError(
          'The CLI only plans syncs: add --dry-run. Run real syncs from your application (runSync) or its job queue.',
        );
      if (options.mode !== 'full' && options.mode !== 'incremental')
        throw new CliError('--mode is full or incremental.');
      const config = readConfig(out, options.config);
      if (!config.source)
        throw new CliError('The config file needs "source": { "levels": { "<sku>": <quantity> } } for a sync.');
      const connections = await openConnections(out, config);
      const channels = (config.channels ?? Object.keys(connections)).map((entry) => {
        const spec = typeof entry === 'string' ? { connection: entry } : entry;
        const marketplace = connections[spec.connection];
        if (!marketplace)
          throw new CliError(
            `Channel "${spec.connection}" is not one of the connections (${Object.keys(connections).join(', ')}).`,
          );
        return {
          marketplace,
          name: spec.connection,
          ...(spec.safetyStock === undefined ? {} : { safetyStock: spec.safetyStock }),
          ...(spec.locationId ? { locationId: spec.locationId } : {}),
        };
      });
      const engine = new InventorySyncEngine({ source: new InMemoryInventorySource(config.source.levels), channels });
      const plan = await engine.plan({ mode: options.mode });
      const rows = plan.changes.flatMap((change) => {
        const sourceMoves = change.source.from !== change.source.to;
        const lines = change.channels.map((channel) => ({
          sku: change.sku,
          target: channel.marketplace,
          from: channel.from,
          to: channel.to,
          mode: channel.mode,
          why: change.explanation,
        }));
        return sourceMoves
          ? [
              {
                sku: change.sku,
                target: 'source',
                from: change.source.from,
                to: change.source.to,
                mode: 'delta',
                why: change.explanation,
              },
              ...lines,
            ]
          : lines;
      });
      emit(out, plan, () =>
        rows.length === 0
          ? `No changes: ${plan.skus} SKUs already in step.\n`
          : `${formatTable(rows, ['sku', 'target', 'from', 'to', 'mode', 'why'])}${plan.changes.length} SKUs would change, of ${plan.skus} examined (nothing written).\n`,
      );
    });
}
