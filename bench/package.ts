/**
 * The package as users get it: what each public entry costs to import and to bundle. Needs
 * `npm run build`. Entries are discovered from `exports` in package.json, so every subpath the
 * package has is measured.
 *
 * - **Import time.** A bare Node start, `import('ky')`, and `import()` of every entry, each in
 *   a fresh child process. Rounds are interleaved (one of each per round) so load from other
 *   processes spreads over all of them alike; min/median/max per target, and each entry's
 *   median cost over the bare start as a ratio to ky's (the target: `marketbridge` ≤ 1.5×).
 * - **Bundle size.** Every entry bundled by esbuild, minified, with its dependencies and the
 *   chunks it imports lazily (no splitting, so dynamic imports are inlined), for the browser
 *   and edge condition set; Node built-ins and optional peers (msw, ioredis, pg) stay external.
 *   Plus a bundle that uses only `parseMoney` + `formatMoney` (target: under 15 KB gzip).
 *
 * `BENCH_LABEL=before npm run bench -- package` keeps the result under that label next to
 * the others in bench/results.json (default label: `after`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const external = ['msw', 'msw/*', 'ioredis', 'pg', 'node:*', ...builtinModules];

interface Pkg {
  name: string;
  exports: Record<string, string | { import?: { default: string } }>;
}

function timeImport(specifier: string | null): number {
  // A bare start runs the same timer around nothing, so the difference is the import alone.
  const body = specifier === null ? '' : `await import(${JSON.stringify(specifier)});`;
  const script = `const t=performance.now();${body}console.log(performance.now()-t)`;
  const started = performance.now();
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  // Whole process time: start, import, exit. Bare start = the same process with no import.
  return performance.now() - started;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    minMs: r(sorted[0]!),
    medianMs: r(sorted[Math.floor(sorted.length / 2)]!),
    maxMs: r(sorted[sorted.length - 1]!),
  };
};

async function bundle(contents: string): Promise<{ minifiedBytes: number; gzipBytes: number; zodBytes: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'module', 'default'],
    target: 'es2022',
    external,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const zodBytes = Object.entries(output.inputs)
    .filter(([path]) => path.includes('node_modules/zod/'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, zodBytes };
}

/** The labelled results already in bench/results.json (for example `before`), kept beside the new one. */
function previousLabels(): Record<string, unknown> {
  try {
    const results = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) as {
      results?: { package?: Record<string, unknown> };
    };
    const previous = results.results?.package ?? {};
    return Object.fromEntries(Object.entries(previous).filter(([key]) => key === 'before' || key === 'after'));
  } catch {
    return {};
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const label = process.env.BENCH_LABEL ?? 'after';
  return { ...previousLabels(), [label]: await measure() };
}

async function measure(): Promise<Record<string, unknown>> {
  if (!existsSync(join(root, 'dist'))) return { skipped: 'dist/ is missing: run npm run build first' };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Pkg;
  const entries = Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && target.import)
    .map(([key, target]) => ({ key, file: join(root, (target as { import: { default: string } }).import.default) }));

  // Import time, interleaved rounds. Entries whose optional peer is missing are reported, not timed.
  const targets: Array<{ key: string; specifier: string | null }> = [
    { key: 'bare node', specifier: null },
    { key: 'ky', specifier: 'ky' },
    ...entries.map(({ key, file }) => ({ key, specifier: file })),
  ];
  const times = new Map<string, number[]>(targets.map((t) => [t.key, []]));
  const failed = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      if (failed.has(target.key)) continue;
      try {
        times.get(target.key)!.push(timeImport(target.specifier));
      } catch (error) {
        failed.set(target.key, (error as Error).message.split('\n')[0] ?? 'failed');
      }
    }
  }
  const bare = summary(times.get('bare node')!).medianMs;
  const kyCost = summary(times.get('ky')!).medianMs - bare;
  const importTime: Record<string, unknown> = {};
  for (const target of targets) {
    if (failed.has(target.key)) {
      importTime[target.key] = { failed: failed.get(target.key) };
      continue;
    }
    const s = summary(times.get(target.key)!);
    const added = Math.round((s.medianMs - bare) * 10) / 10;
    importTime[target.key] =
      target.specifier === null ? s : { ...s, addedMs: added, vsKy: Math.round((added / kyCost) * 100) / 100 };
  }

  // Bundle size per entry, dependencies and lazy chunks included.
  const bundleSize: Record<string, unknown> = {};
  for (const { key } of entries) {
    const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    try {
      bundleSize[key] = await bundle(`export * from ${JSON.stringify(specifier)};`);
    } catch (error) {
      bundleSize[key] = { failed: (error as Error).message.split('\n').slice(0, 3).join(' ') };
    }
  }
  const moneyOnly = await bundle(
    `import { parseMoney, formatMoney } from ${JSON.stringify(pkg.name)};\n` +
      `const m = parseMoney(globalThis.input ?? '1.00', 'EUR');\nconsole.log(m.isOk() ? formatMoney(m.value) : m.error);\n`,
  );
  const ky = await bundle(`export * from 'ky';`);

  return {
    note: 'import: whole child-process time (start, import, exit), interleaved rounds; addedMs = median minus the bare start; vsKy = addedMs / ky addedMs (target for "." ≤ 1.5). bundle: esbuild --bundle --minify, dependencies and lazy chunks included, optional peers and node: built-ins external; gzip level 9.',
    rounds: ROUNDS,
    importTime,
    bundleSize,
    kyBundle: ky,
    parseMoneyFormatMoneyBundle: moneyOnly,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
