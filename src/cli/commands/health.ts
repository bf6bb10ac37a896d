import type { Command } from 'commander';
import { healthReport } from '../../health/health-report.js';
import { openConnections, readConfig } from '../config-file.js';
import { limiterOf } from '../limiter-of.js';
import { emit, formatTable, type CliIo } from '../output.js';

/**
 * `marketbridge health`: checks every connection of a config file and prints its health and
 * its rate budgets.
 *
 * @example
 * ```ts
 * registerHealth(program, () => io);
 * ```
 */
export function registerHealth(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('health')
    .description("check each configured connection's health and rate budget")
    .requiredOption('--config <path>', 'the config file (connections)')
    .option('--timeout <ms>', 'a check slower than this fails', '10000')
    .action(async (options: { config: string; timeout: string }, command: Command) => {
      const out = io(command);
      const connections = await openConnections(out, readConfig(out, options.config));
      const limiters = Object.fromEntries(Object.entries(connections).map(([name, api]) => [name, limiterOf(api)]));
      const report = await healthReport({ connections, limiters, timeoutMs: Number(options.timeout) || 10_000 });
      emit(
        out,
        report,
        () =>
          `status: ${report.status}\n${formatTable(report.connections, ['name', 'platform', 'ok', 'latencyMs', 'message'])}` +
          (report.budgets.length
            ? `\nbudgets\n${formatTable(report.budgets, ['limiter', 'key', 'available', 'capacity', 'utilisation'])}`
            : '') +
          (report.problems.length
            ? `\nproblems\n${report.problems.map((problem) => `  - ${problem}`).join('\n')}\n`
            : ''),
      );
      if (report.status === 'down') process.exitCode = 1;
    });
}
