import type { Command } from 'commander';
import type { Store } from '../../stores/store.js';
import { webhookKeys } from '../../webhooks/processor/keys.js';
import type { LegacyRetryRecord } from '../../webhooks/processor/pending.js';
import type { DeadLetter } from '../../webhooks/processor/types.js';
import { CliError, emit, formatTable, type CliIo } from '../output.js';
import { readSecret } from '../secrets.js';

interface StoreOptions {
  storeEnv?: string;
  storeFile?: string;
  namespace?: string;
  schema?: string;
  tenant: string;
}

const missingPeer = (error: unknown, name: string) => {
  const code = (error as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
    ? new CliError(`This store needs the package "${name}": npm install ${name}`)
    : error;
};

/** Opens the store named by a URL from the environment or a file: redis:// or postgres://. */
async function openStore(io: CliIo, options: StoreOptions): Promise<{ store: Store; close(): Promise<void> }> {
  const url = readSecret(
    io,
    {
      ...(options.storeEnv ? { env: options.storeEnv } : {}),
      ...(options.storeFile ? { file: options.storeFile } : {}),
    },
    'the store URL',
  );
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  if (password) io.secrets.push(password);
  if (/^rediss?:\/\//.test(url)) {
    const { RedisStore } = await import('../../stores/redis.js').catch((error: unknown) => {
      throw missingPeer(error, 'ioredis');
    });
    const store = new RedisStore({
      url,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 5_000 },
    });
    return { store, close: () => store.close() };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PostgresStore } = await import('../../stores/postgres.js').catch((error: unknown) => {
      throw missingPeer(error, 'pg');
    });
    const store = new PostgresStore({ connectionString: url, ...(options.schema ? { schema: options.schema } : {}) });
    return { store, close: () => store.close() };
  }
  throw new CliError('The store URL must start with redis://, rediss:// or postgres://.');
}

async function letters(store: Store, tenant: string): Promise<DeadLetter[]> {
  const keys = webhookKeys(tenant);
  const out: DeadLetter[] = [];
  for (const key of await store.list(keys.deadPrefix)) {
    const letter = await store.get<DeadLetter>(key);
    if (letter) out.push(letter);
  }
  return out.sort((a, b) => a.failedAt - b.failedAt);
}

/**
 * Moves a dead letter back to the retry queue, due now: the application's webhook processor
 * runs its handler on its next retry pass. Resolves whether the letter was there.
 *
 * @example
 * ```ts
 * await requeueDeadLetter(store, 'shop-1', 'shopify:evt-1', Date.now());
 * ```
 */
export async function requeueDeadLetter(store: Store, tenant: string, id: string, now: number): Promise<boolean> {
  const keys = webhookKeys(tenant);
  const letter = await store.get<DeadLetter>(keys.dead(id));
  if (!letter) return false;
  // The whole-event form: every processor version reads it (the current one converts it to its
  // own form, with its own TTLs, when its retry pass claims it).
  const record: LegacyRetryRecord = {
    event: letter.event,
    failures: letter.attempts,
    nextAttemptAt: now,
    lastError: letter.lastError,
  };
  await store.set(keys.retry(id), record);
  await store.compareAndSet(keys.dead(id), letter, undefined);
  return true;
}

/**
 * `marketbridge dlq list|replay`: the webhook dead letters in a shared store.
 *
 * @example
 * ```ts
 * registerDlq(program, () => io);
 * ```
 */
export function registerDlq(program: Command, io: (command: Command) => CliIo): void {
  const dlq = program.command('dlq').description('webhook dead letters in a Redis or PostgreSQL store');
  const storeOptions = (command: Command) =>
    command
      .option('--store-env <name>', 'environment variable holding the store URL (redis:// or postgres://)')
      .option('--store-file <path>', 'file holding the store URL')
      .option('--namespace <prefix>', 'the Redis store namespace (default marketbridge:)')
      .option('--schema <name>', 'the PostgreSQL store schema')
      .option('--tenant <id>', 'the tenant of the webhook processor', 'default');

  storeOptions(dlq.command('list').description('list dead letters')).action(
    async (options: StoreOptions, command: Command) => {
      const out = io(command);
      const { store, close } = await openStore(out, options);
      try {
        const found = await letters(store, options.tenant);
        emit(out, found, () =>
          found.length === 0
            ? 'No dead letters.\n'
            : formatTable(
                found.map((letter) => ({
                  id: letter.id,
                  platform: letter.event.platform,
                  topic: letter.event.topic,
                  attempts: letter.attempts,
                  failedAt: new Date(letter.failedAt).toISOString(),
                  lastError: letter.lastError.slice(0, 80),
                })),
                ['id', 'platform', 'topic', 'attempts', 'failedAt', 'lastError'],
              ),
        );
      } finally {
        await close();
      }
    },
  );

  storeOptions(
    dlq
      .command('replay')
      .description('move dead letters back to the retry queue, due now (the app retries them on its next pass)'),
  )
    .argument('[ids...]', 'dead letter ids (see dlq list)')
    .option('--all', 'every dead letter')
    .action(async (ids: string[], options: StoreOptions & { all?: boolean }, command: Command) => {
      const out = io(command);
      if (!options.all && ids.length === 0) throw new CliError('Name the dead letters to replay, or pass --all.');
      const { store, close } = await openStore(out, options);
      try {
        const targets = options.all ? (await letters(store, options.tenant)).map((letter) => letter.id) : ids;
        const results: { id: string; requeued: boolean }[] = [];
        for (const id of targets)
          results.push({ id, requeued: await requeueDeadLetter(store, options.tenant, id, Date.now()) });
        emit(out, results, () => formatTable(results, ['id', 'requeued']));
        if (results.some((result) => !result.requeued)) process.exitCode = 1;
      } finally {
        await close();
      }
    });
}
