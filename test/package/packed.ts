/**
 * The package as a user installs it: built (JavaScript only, no declarations, for speed),
 * packed with `npm pack`, unpacked into a consumer folder outside the project with only the
 * runtime dependencies beside it (no optional peers) and the `marketbridge` bin linked as npm
 * links it. Built once per test file.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { cliConfig, entries, libraryConfig } from '../../tsup.config.js';

const exec = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');

export interface Packed {
  consumer: string;
  /** Runs a command in the consumer folder; never rejects: resolves its code and output. */
  run(
    command: string,
    args: string[],
    options?: { env?: Record<string, string>; input?: string },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Makes a package from the project's node_modules available to the consumer (as `npm install` would). */
  provide(name: string): void;
  cleanup(): void;
}

export async function packAndInstall(): Promise<Packed> {
  const work = mkdtempSync(join(tmpdir(), 'mb-packed-'));
  const staging = join(work, 'package');
  mkdirSync(staging, { recursive: true });
  // The project's own build options, without declarations (the slow part) or source maps.
  const fast = {
    config: false,
    silent: true,
    sourcemap: false,
    dts: false,
    clean: false,
    tsconfig: join(root, 'tsconfig.json'),
  } as const;
  await build({ ...libraryConfig, ...fast, entry: entries, outDir: join(staging, 'dist') });
  await build({
    ...cliConfig,
    ...fast,
    entry: { index: join(root, 'src/cli/bin.ts') },
    outDir: join(staging, 'dist/cli'),
  });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  writeFileSync(join(staging, 'package.json'), readFileSync(join(root, 'package.json')));
  cpSync(join(root, 'README.md'), join(staging, 'README.md'));
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', work], { cwd: staging });
  const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);

  const consumer = join(work, 'consumer');
  const modules = join(consumer, 'node_modules');
  const installed = join(modules, 'marketbridge');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await exec('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const provide = (name: string) => {
    const target = join(modules, name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), target, 'dir');
  };
  for (const name of Object.keys(pkg.dependencies)) provide(name);
  mkdirSync(join(modules, '.bin'), { recursive: true });
  for (const [name, file] of Object.entries(pkg.bin)) {
    chmodSync(join(installed, file), 0o755);
    symlinkSync(join('..', 'marketbridge', file), join(modules, '.bin', name));
  }
  return {
    consumer,
    provide,
    run(command, args, options = {}) {
      return new Promise((resolvePromise) => {
        const child = execFile(
          command,
          args,
          { cwd: consumer, env: { ...process.env, ...options.env, NO_COLOR: '1' }, timeout: 60_000 },
          (error, out, err) => {
            resolvePromise({
              code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
              stdout: String(out),
              stderr: String(err),
            });
          },
        );
        child.stdin?.end(options.input ?? '');
      });
    },
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}
