/**
 * Size of each public entry as a user's bundler would ship it, and the time to import it in a
 * fresh Node process. Needs `npm run build`.
 *
 * - `shipped`: the entry's file plus the package chunks it imports statically, as published
 *   (not minified), raw and gzipped;
 * - `bundled`: the entry bundled by esbuild with its dependencies (ky, zod, …; peer
 *   dependencies and Node built-ins stay external), minified, with code splitting, so the
 *   chunks it imports lazily (`await import(...)`) are separate files: `initialGzipBytes` is
 *   what loading the entry costs, `lazyGzipBytes` the chunks fetched only when used, and
 *   `totalGzipBytes` both (each file gzipped on its own, as served).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, rel] of text.matchAll(/from\s*["'](\.{1,2}\/[^"']+)["']/g)) closure(resolve(dirname(file), rel!), seen);
  return seen;
}

/** Output files reachable from `start` through static imports. */
function staticallyReached(metafile: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const link of metafile.outputs[path]?.imports ?? []) if (link.kind === 'import-statement' && !link.external) visit(link.path);
  };
  visit(start);
  return seen;
}

async function bundled(file: string, peers: string[]) {
  const result = await build({ entryPoints: [file], bundle: true, minify: true, splitting: true, format: 'esm', platform: 'node', outdir: '/mb-bench-out', write: false, metafile: true, external: peers, logLevel: 'silent' });
  const gzip = new Map(result.outputFiles.map((out) => [out.path, gzipSync(out.contents).length]));
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint !== undefined)![0];
  // The metafile names outputs relative to the working directory; outputFiles, absolutely.
  const initial = new Set([...staticallyReached(result.metafile, entry)].map((path) => resolve(path)));
  let initialGzipBytes = 0;
  let lazyGzipBytes = 0;
  for (const [path, bytes] of gzip) {
    if (path.endsWith('.map')) continue;
    if (initial.has(path)) initialGzipBytes += bytes;
    else lazyGzipBytes += bytes;
  }
  const minifiedBytes = result.outputFiles.reduce((sum, out) => sum + out.contents.length, 0);
  return { files: result.outputFiles.length, minifiedBytes, initialGzipBytes, lazyGzipBytes, totalGzipBytes: initialGzipBytes + lazyGzipBytes };
}

/** Runs the package benchmark and returns its results. */
export async function run(): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default: string } }>; peerDependencies?: Record<string, string> };
  if (!existsSync(join(root, 'dist'))) return { skipped: 'dist/ is missing: run npm run build first' };
  const peers = Object.keys(pkg.peerDependencies ?? {});
  const entries: Record<string, unknown> = {};
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (!target.import) continue;
    const files = closure(join(root, target.import.default));
    const text = [...files].map((f) => readFileSync(f)).reduce((a, b) => Buffer.concat([a, b]), Buffer.alloc(0));
    const specifier = join(root, target.import.default);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(specifier)});console.log(performance.now()-t)`], { encoding: 'utf8' });
      times.push(Number(out.trim()));
    }
    times.sort((a, b) => a - b);
    entries[entry] = {
      shipped: { files: files.size, bytes: text.length, gzipBytes: gzipSync(text).length },
      bundled: await bundled(specifier, peers),
      importMsMedian: Math.round((times[2] ?? 0) * 10) / 10,
    };
  }
  return {
    note: `bundled: esbuild ${(await import('esbuild')).version}, bundle + minify + splitting, ESM, platform node, external: ${peers.join(', ')} (peer dependencies) and Node built-ins; gzip per output file. importMsMedian is wall-clock on a shared machine (median of 5 fresh processes).`,
    entries,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
