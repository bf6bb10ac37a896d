import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BaseMarketplaceAPI } from '../core/base-marketplace-api.js';
import { createDefaultFactory } from '../core/default-factory.js';
import { CliError, type CliIo } from './output.js';
import { resolveSecrets } from './secrets.js';

const ConfigSchema = z.object({
  connections: z.record(
    z.string(),
    z.object({
      marketplace: z.string().min(1),
      config: z.record(z.string(), z.unknown()).default({}),
      tenantId: z.string().optional(),
    }),
  ),
  source: z.object({ levels: z.record(z.string(), z.number().int().min(0)) }).optional(),
  channels: z
    .array(
      z.union([
        z.string(),
        z.object({
          connection: z.string(),
          safetyStock: z.number().int().min(0).optional(),
          locationId: z.string().optional(),
        }),
      ]),
    )
    .optional(),
});

/**
 * A CLI config file: connections by name (a marketplace of the default factory and its
 * config, secrets as `{ "env": "NAME" }` or `{ "file": "path" }`), and for `sync` the source
 * levels and the channels.
 *
 * @example
 * ```ts
 * const config: CliConfig = { connections: { shop: { marketplace: 'simulated', config: { seed: 1 } } } };
 * ```
 */
export type CliConfig = z.infer<typeof ConfigSchema>;

/**
 * Reads and validates a config file, reporting every problem at once.
 *
 * @example
 * ```ts
 * const config = readConfig(io, 'marketbridge.json');
 * ```
 */
export function readConfig(io: CliIo, file: string | undefined): CliConfig {
  if (!file) throw new CliError('Give the config file with --config PATH (see docs/cli.md for its format).');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`The config file ${file} is not JSON.`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      `The config file ${file} has ${parsed.error.issues.length} problem(s):\n${parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/**
 * Creates every connection of a config with the default factory (secrets resolved now).
 *
 * @example
 * ```ts
 * const connections = await openConnections(io, config);
 * ```
 */
export async function openConnections(io: CliIo, config: CliConfig): Promise<Record<string, BaseMarketplaceAPI>> {
  const factory = createDefaultFactory();
  const out: Record<string, BaseMarketplaceAPI> = {};
  for (const [name, connection] of Object.entries(config.connections)) {
    const resolved = resolveSecrets(io, connection.config, `connections.${name}.config`);
    try {
      out[name] = await factory.create(
        connection.marketplace,
        resolved,
        connection.tenantId ? { tenantId: connection.tenantId } : {},
      );
    } catch (error) {
      throw new CliError(`Connection "${name}": ${(error as Error).message}`);
    }
  }
  return out;
}
