import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClient } from '../../src/auth/index.js';
import { openStore, type Opened } from './children/open-store.js';
import {
  dropRedisNamespace,
  postgresUrl,
  probePostgres,
  probeRedis,
  redisUrl,
  runId,
  shouldSkip,
  startChild,
  type Child,
} from './servers.js';
import { startTokenEndpoint } from './token-endpoint.js';

const PROCESSES = 4;
const redisScope = `mbtest:${runId('cross')}:`;
const postgresScope = runId('mbtest_cross');
const kinds = [
  { kind: 'redis', problem: await probeRedis(), scope: redisScope },
  { kind: 'postgres', problem: await probePostgres(), scope: postgresScope },
] as const;

/** Sends a command to every process at once and resolves each one's answer. */
async function everyProcess(children: Child[], command: string, answer: string): Promise<Record<string, unknown>[]> {
  const seen = children.map((c) => c.messages.length);
  for (const child of children) child.send(command);
  return Promise.all(
    children.map((c, i) => c.waitFor((m) => m.event === answer && c.messages.indexOf(m) >= (seen[i] as number))),
  );
}

// The same four processes serve both stores' scenarios: starting a process is the slow part.
let started: Promise<Child[]> | undefined;
const processes = () => {
  started ??= (async () => {
    const children = Array.from({ length: PROCESSES }, () =>
      startChild('shared-worker.ts', [redisScope, postgresScope]),
    );
    await Promise.all(children.map((c) => c.waitFor((m) => m.event === 'ready')));
    return children;
  })();
  return started;
};
afterAll(async () => {
  if (!started) return;
  const children = await started;
  for (const child of children) child.send('exit');
  expect(await Promise.all(children.map((c) => c.exited))).toEqual(children.map(() => 0));
});

for (const { kind, problem, scope } of kinds) {
  describe.skipIf(shouldSkip(problem, `cross-process tests on ${kind}`))(
    `${PROCESSES} processes sharing the ${kind} store`,
    () => {
      let opened: Opened;
      let children: Child[] = [];

      beforeAll(async () => {
        if (problem) throw new Error(`CI=true requires a ${kind} server: ${problem}`);
        opened = openStore(kind, scope);
        if (kind === 'postgres') await (opened.store as unknown as { migrate(): Promise<void> }).migrate();
        children = await processes();
      });
      afterAll(async () => {
        if (problem) return;
        if (kind === 'redis') {
          const client = new Redis(redisUrl);
          await dropRedisNamespace(client, scope);
          client.disconnect();
        } else {
          const client = new pg.Client({ connectionString: postgresUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${scope}" CASCADE`);
          await client.end();
        }
        await opened?.close();
      });

      it('single-flight refresh: exactly one token request for an expired connection', async () => {
        const endpoint = await startTokenEndpoint('refresh-0');
        try {
          const seeder = new OAuthClient(
            { platform: 'mercadolibre', clientId: 'app', clientSecret: 'client-secret', tokenUrl: endpoint.url },
            { context: { store: opened.store, lock: opened.lock, tenantId: 'tenant-1' } },
          );
          await seeder.importTokens('seller-1', {
            accessToken: 'access-0',
            refreshToken: 'refresh-0',
            expiresAt: Date.now() - 1000,
          });
          const reports = await everyProcess(children, `refresh ${kind} ${endpoint.url} 25`, 'tokens');
          expect(endpoint.requests).toBe(1);
          expect(endpoint.reused).toEqual([]);
          expect(reports.map((r) => r.tokens)).toEqual(reports.map(() => ['access-1']));
          expect(await seeder.getAccessToken('seller-1')).toBe('access-1');
        } finally {
          await endpoint.close();
        }
      });

      it('webhook deduplication: one handler call per event id', async () => {
        const events = 25;
        const reports = await everyProcess(children, `webhooks ${kind} whsec-shared ${events}`, 'webhooks');
        const counts = await Promise.all(
          Array.from({ length: events }, (_, i) => opened.store.get<number>(`handled:evt-${i}`)),
        );
        expect(counts).toEqual(counts.map(() => 1));
        const statuses: Record<string, number> = {};
        for (const report of reports) {
          for (const [status, n] of Object.entries(report.statuses as Record<string, number>))
            statuses[status] = (statuses[status] ?? 0) + n;
        }
        expect(statuses).toEqual({ processed: events, duplicate: events * (PROCESSES - 1) });
      });
    },
  );
}
