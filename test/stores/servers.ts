/**
 * Where the real servers are, and whether tests may skip: only when no server answers and
 * CI is not 'true'. In CI an unreachable server fails the run (scripts/services.sh starts them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { dropRedisNamespace, postgresUrl, probePostgres, probeRedis, redisUrl } from './probes.js';

export const inCi = process.env.CI === 'true';

/** Unique per test file and run, so parallel files and earlier runs never collide. */
export function runId(label: string): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${label}_${process.pid}_${Date.now().toString(36)}_${random}`;
}

/** Whether to skip a server's tests; prints why when it does. */
export function shouldSkip(problem: string | undefined, what: string): boolean {
  if (problem === undefined || inCi) return false;
  console.warn(
    `\n  SKIPPED ${what}: ${problem}.\n  Start the servers with: eval "$(scripts/services.sh)"  (CI=true turns this into a failure)\n`,
  );
  return true;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A child process running a TypeScript file of test/stores/children with tsx. */
export interface Child {
  process: ChildProcess;
  /** JSON lines the child printed so far. */
  messages: Record<string, unknown>[];
  /** Resolves the first message for which `match` is true. */
  waitFor(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves the exit code. */
  exited: Promise<number | null>;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
}

export function startChild(file: string, args: string[], env: Record<string, string> = {}): Child {
  const path = fileURLToPath(new URL(`./children/${file}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] =
    [];
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as Record<string, unknown>;
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  });
  // 'close', not 'exit': only then has everything the child printed been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    process: child,
    messages,
    send: (line) => void child.stdin?.write(`${line}\n`),
    exited: exited.then((code) => {
      if (code !== 0 && code !== null && stderr) console.error(`child ${file} exited ${code}:\n${stderr}`);
      return code;
    }),
    waitFor(match) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((code) =>
          reject(new Error(`child ${file} exited (${code}) before the expected message:\n${stderr}`)),
        );
      });
    },
  };
}
