import { readFileSync } from 'node:fs';
import { CliError, type CliIo } from './output.js';

/**
 * Reads a secret from an environment variable or a file (never from an argument, which would
 * land in shell history and `ps`), remembers it for redaction, and never prints it.
 *
 * @example
 * ```ts
 * const secret = readSecret(io, { env: 'SHOPIFY_API_SECRET' }, 'the webhook secret');
 * ```
 */
export function readSecret(io: CliIo, from: { env?: string; file?: string }, what: string): string {
  if ((from.env === undefined) === (from.file === undefined))
    throw new CliError(`Give ${what} with exactly one of --secret-env NAME or --secret-file PATH.`);
  let value: string | undefined;
  if (from.env !== undefined) {
    value = process.env[from.env];
    if (value === undefined || value === '')
      throw new CliError(`The environment variable ${from.env} (${what}) is not set.`);
  } else {
    try {
      value = readFileSync(from.file!, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new CliError(
        `Cannot read ${what} from ${from.file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`,
      );
    }
    if (value === '') throw new CliError(`The file ${from.file} (${what}) is empty.`);
  }
  io.secrets.push(value);
  return value;
}

/**
 * Resolves the secrets in a parsed config file: any value `{ "env": "NAME" }` or
 * `{ "file": "path" }` becomes that variable's or file's content, so the file itself holds none.
 *
 * @example
 * ```ts
 * resolveSecrets(io, { accessToken: { env: 'SHOPIFY_TOKEN' } }); // { accessToken: '<the token>' }
 * ```
 */
export function resolveSecrets(io: CliIo, value: unknown, path = 'config'): unknown {
  if (Array.isArray(value)) return value.map((item, i) => resolveSecrets(io, item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && (keys[0] === 'env' || keys[0] === 'file') && typeof record[keys[0]] === 'string') {
    return readSecret(io, { [keys[0]]: record[keys[0]] as string }, path);
  }
  return Object.fromEntries(keys.map((key) => [key, resolveSecrets(io, record[key], `${path}.${key}`)]));
}
