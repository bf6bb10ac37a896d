#!/usr/bin/env node
// Checks the package as users get it: packs the tarball, runs publint and
// are-the-types-wrong on it, imports every entry from an ESM and a CJS consumer,
// type-checks a TypeScript consumer under node16 resolution, and verifies that the
// runtime-agnostic entries pull in no node: built-ins. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = join(root, '.tmp', 'package-check');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json');
// Entries that may use Node built-ins; every other one must run on edge runtimes.
const nodeOnly = new Set([
  './adapters/node', './stores/redis', './stores/postgres', './testing', './testing/msw',
  // Optional-peer integrations load their peer with Node's require, to name the install when it is missing.
  './schedulers/bullmq', './schedulers/pg-boss', './streams/redis', './streams/websocket', './streams/sqs', './otel',
]);
// Entries that fail on import without their optional peer; the consumers here have them all.

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

console.log('• npm pack');
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
const tarball = join(work, packed[0].filename);
const files = packed[0].files.map((f) => f.path);
for (const forbidden of files.filter((f) => /^(src|test|bench|examples|\.ci)\//.test(f) || /specs\//.test(f))) {
  throw new Error(`The tarball must not contain ${forbidden}`);
}

console.log('• publint');
run('npx', ['--no-install', 'publint', '--strict', tarball]);

console.log('• are-the-types-wrong');
run('npx', ['--no-install', 'attw', '--profile', 'node16', tarball]);

console.log('• consumers');
const consumer = join(work, 'consumer');
const installed = join(consumer, 'node_modules', pkg.name);
mkdirSync(installed, { recursive: true });
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
// The consumer sits inside the project, so the package's own dependencies resolve from
// the project's node_modules exactly as they would from the consumer's.
const specifiers = entries.map((entry) => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`));
writeFileSync(
  join(consumer, 'esm.mjs'),
  specifiers.map((s, i) => `import * as m${i} from '${s}';\nif (Object.keys(m${i}).length === 0) throw new Error('${s}: no exports');`).join('\n') +
    `\nimport { createDefaultFactory, parseMoney, formatMoney } from '${pkg.name}';\n` +
    `const sim = await createDefaultFactory().create('simulated', { seed: 1, products: 3 });\n` +
    `let n = 0; for await (const _ of sim.listProducts()) n++;\n` +
    `if (n !== 3 || formatMoney(parseMoney('0.30', 'EUR')._unsafeUnwrap()) !== '0.30') throw new Error('ESM consumer failed');\n` +
    `console.log('  ESM consumer ok (${specifiers.length} entries)');\n`,
);
writeFileSync(
  join(consumer, 'cjs.cjs'),
  specifiers.map((s, i) => `const m${i} = require('${s}');\nif (Object.keys(m${i}).length === 0) throw new Error('${s}: no exports');`).join('\n') +
    `\nconst { createDefaultFactory } = require('${pkg.name}');\n` +
    `createDefaultFactory().create('simulated', { seed: 1, products: 2 }).then(async (sim) => {\n` +
    `  let n = 0; for await (const _ of sim.listProducts()) n++;\n` +
    `  if (n !== 2) throw new Error('CJS consumer failed');\n` +
    `  console.log('  CJS consumer ok (${specifiers.length} entries)');\n});\n`,
);
run('node', ['esm.mjs'], { cwd: consumer });
run('node', ['cjs.cjs'], { cwd: consumer });

writeFileSync(
  join(consumer, 'types.mts'),
  `import { createDefaultFactory, type Money } from '${pkg.name}';\nimport { SimulatedMarketplace } from '${pkg.name}/simulated';\n` +
    `const price: Money = { amountMinor: 1, currency: 'EUR' };\nconst sim: Promise<SimulatedMarketplace> = createDefaultFactory().create('simulated', { seed: 1 });\nvoid price; void sim;\n`,
);
writeFileSync(
  join(consumer, 'types.cts'),
  `import { createDefaultFactory, type Money } from '${pkg.name}';\nconst price: Money = { amountMinor: 1, currency: 'EUR' };\nvoid createDefaultFactory; void price;\n`,
);
writeFileSync(
  join(consumer, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['types.mts', 'types.cts'] }),
);
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: consumer });
console.log('  TypeScript consumer ok (node16, ESM and CJS)');

console.log('• the marketbridge bin');
const help = execFileSync(process.execPath, [join(installed, pkg.bin.marketbridge), '--help'], { cwd: consumer, encoding: 'utf8' });
for (const command of ['verify-webhook', 'simulate', 'sync', 'health', 'dlq', 'limits']) if (!help.includes(command)) throw new Error(`marketbridge --help does not list ${command}`);
if (!readFileSync(join(installed, pkg.bin.marketbridge), 'utf8').startsWith('#!/usr/bin/env node')) throw new Error('the bin has no shebang');
console.log('  marketbridge --help ok');

console.log('• runtime-agnostic entries import no node: built-ins');
const seen = new Set();
const scan = (file, entry) => {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (/from\s*["']node:|import\(["']node:|require\(["']node:/.test(text)) throw new Error(`${entry} pulls in a node: built-in through ${file}`);
  for (const [, rel] of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const next = resolve(file, '..', rel);
    if (existsSync(next)) scan(next, entry);
  }
};
for (const entry of entries.filter((e) => !nodeOnly.has(e))) {
  const target = pkg.exports[entry].import.default;
  scan(join(installed, target), entry);
}
console.log(`  ok (${entries.filter((e) => !nodeOnly.has(e)).join(', ')})`);
console.log('Package checks passed.');
