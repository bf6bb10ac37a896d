/**
 * Size of each public entry as shipped (the entry file plus the chunks it imports statically),
 * raw and gzipped, and the time to import it in a fresh Node process. Needs `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, rel] of text.matchAll(/from\s*["'](\.{1,2}\/[^"']+)["']/g)) closure(resolve(dirname(file), rel!), seen);
  return seen;
}

export async function run(): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default: string } }> };
  if (!existsSync(join(root, 'dist'))) return { skipped: 'dist/ is missing: run npm run build first' };
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
    entries[entry] = { files: files.size, bytes: text.length, gzipBytes: gzipSync(text).length, importMsMedian: Math.round((times[2] ?? 0) * 10) / 10 };
  }
  return { entries };
}
