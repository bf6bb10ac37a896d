import { Command, CommanderError } from 'commander';
import { registerDlq } from './commands/dlq.js';
import { registerHealth } from './commands/health.js';
import { registerLimits } from './commands/limits.js';
import { registerSimulate } from './commands/simulate.js';
import { registerSync } from './commands/sync.js';
import { registerVerifyWebhook } from './commands/verify-webhook.js';
import { CliError, describeError, type CliIo } from './output.js';

/**
 * Runs the `marketbridge` command line with `argv` (without node and the script), writing to
 * the given streams; resolves the exit code. Secrets are read from the environment or files
 * only and never printed; failures are one redacted line (or a JSON document with `--json`).
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runCli(
  argv: readonly string[],
  streams: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown; isTTY?: boolean } },
  version = '0.0.0',
): Promise<number> {
  const secrets: string[] = [];
  const json = argv.includes('--json');
  const ioFor = (): CliIo => ({
    out: (text) => void streams.stdout.write(text),
    err: (text) => void streams.stderr.write(text),
    json,
    interactive: Boolean(streams.stderr.isTTY),
    secrets,
  });
  const program = new Command('marketbridge')
    .description(
      'Operate marketbridge: verify webhooks, simulate a marketplace, plan syncs, check health, replay dead letters, show rate limits.',
    )
    .version(version)
    .option('--json', 'print one JSON document on stdout')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void streams.stdout.write(text),
      writeErr: (text) => void streams.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of [
    registerVerifyWebhook,
    registerSimulate,
    registerSync,
    registerHealth,
    registerDlq,
    registerLimits,
  ])
    register(program, ioFor);
  // `--json` is accepted by every command, before or after its name.
  for (const command of [...program.commands, ...program.commands.flatMap((parent) => parent.commands)]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => void streams.stdout.write(text),
      writeErr: (text) => void streams.stderr.write(text),
    });
  }
  try {
    process.exitCode = 0;
    await program.parseAsync([...argv], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError)
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? 0
        : 2;
    const message = describeError(error, secrets);
    if (json) streams.stdout.write(`${JSON.stringify({ error: message }, null, 2)}\n`);
    else streams.stderr.write(`marketbridge: ${message}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
