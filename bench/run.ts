/**
 * Runs every benchmark in bench/ (each module exports `run()`), one after another, and writes
 * their results to bench/results.json. Benchmarks measure; they do not assert.
 *
 *   npm run bench            # all
 *   npm run bench -- sync    # only bench/sync.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

// Running some benchmarks updates their entries and keeps the others' last results.
const previous = (() => {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results?: Record<string, unknown> }).results ??
      {}
    );
  } catch {
    return {};
  }
})();
const results: Record<string, unknown> = only.length > 0 ? { ...previous } : {};
for (const name of names) {
  const started = performance.now();
  process.stdout.write(`bench ${name} ... `);
  try {
    const module = (await import(join(dir, `${name}.ts`))) as { run?: () => Promise<Record<string, unknown>> };
    if (typeof module.run !== 'function') continue;
    const loadAverage1mAtStart = Number(loadavg()[0]!.toFixed(2));
    const measuredAt = new Date().toISOString();
    results[name] = {
      ...(await module.run()),
      measuredAt,
      loadAverage1mAtStart,
      loadAverage1mAtEnd: Number(loadavg()[0]!.toFixed(2)),
    };
    console.log(`done in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    results[name] = { error: (error as Error).message };
    console.log(`failed: ${(error as Error).message}`);
  }
}

const report = {
  generatedAt: new Date().toISOString(),
  note: `Measured on a machine of ${cpus().length} cores shared with other workloads (each part records the 1-minute load average when it started and ended). Subjects and their baselines run side by side in one run, interleaved in rounds, and the figures are min/median/max of the ratio; rates come from CPU time where the part says so. Absolute figures (sync seconds, RSS) run in child processes and are inflated by load: re-run on an idle machine before quoting them.`,
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  results,
};
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${join(dir, 'results.json')}`);
