#!/usr/bin/env node
// Checks the package as users get it: packs the tarball, runs publint and
// are-the-types-wrong on it, imports every entry from an ESM and a CJS consumer,
// type-checks a TypeScript consumer under node16 resolution and one with no DOM lib (es2022 +
// @types/node, skipLibCheck off), checks the tarball's contents (LICENSE, no source maps, every
// path in `files` exists, repository/homepage/bugs set) and verifies that the runtime-agnostic
// entries pull in no node: built-ins. Run after `npm run build`.
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
  './adapters/node',
  './stores/redis',
  './stores/postgres',
  './testing',
  './testing/msw',
  // Optional-peer integrations load their peer with Node's require, to name the install when it is missing.
  './schedulers/bullmq',
  './schedulers/pg-boss',
  './streams/redis',
  './streams/websocket',
  './streams/sqs',
  './otel',
]);
// Entries that fail on import without their optional peer; the consumers here have them all.

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

console.log('• npm pack');
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
);
const tarball = join(work, packed[0].filename);
const files = packed[0].files.map((f) => f.path);
for (const forbidden of files.filter((f) => /^(src|test|bench|examples|\.ci)\//.test(f) || /specs\//.test(f))) {
  throw new Error(`The tarball must not contain ${forbidden}`);
}
// Source maps would point at sources the tarball does not ship: none are published.
for (const map of files.filter((f) => f.endsWith('.map')))
  throw new Error(`The tarball must not contain the source map ${map}`);
for (const file of files.filter((f) => /\.c?js$/.test(f))) {
  if (readFileSync(join(root, file), 'utf8').includes('sourceMappingURL='))
    throw new Error(`${file} refers to a source map`);
}
for (const required of ['LICENSE', 'README.md', 'package.json']) {
  if (!files.includes(required)) throw new Error(`The tarball must contain ${required}`);
}
// Every path `files` lists must exist: npm silently skips one that does not.
for (const listed of pkg.files) {
  if (!existsSync(join(root, listed))) throw new Error(`package.json "files" lists ${listed}, which does not exist`);
}
for (const field of ['repository', 'homepage', 'bugs', 'license']) {
  if (!pkg[field]) throw new Error(`package.json has no "${field}"`);
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
  specifiers
    .map(
      (s, i) =>
        `import * as m${i} from '${s}';\nif (Object.keys(m${i}).length === 0) throw new Error('${s}: no exports');`,
    )
    .join('\n') +
    `\nimport { createDefaultFactory, parseMoney, formatMoney } from '${pkg.name}';\n` +
    `const sim = await createDefaultFactory().create('simulated', { seed: 1, products: 3 });\n` +
    `let n = 0; for await (const _ of sim.listProducts()) n++;\n` +
    `if (n !== 3 || formatMoney(parseMoney('0.30', 'EUR')._unsafeUnwrap()) !== '0.30') throw new Error('ESM consumer failed');\n` +
    `console.log('  ESM consumer ok (${specifiers.length} entries)');\n`,
);
writeFileSync(
  join(consumer, 'cjs.cjs'),
  specifiers
    .map(
      (s, i) =>
        `const m${i} = require('${s}');\nif (Object.keys(m${i}).length === 0) throw new Error('${s}: no exports');`,
    )
    .join('\n') +
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
  JSON.stringify({
    compilerOptions: {
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ['types.mts', 'types.cts'],
  }),
);
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: consumer });
console.log('  TypeScript consumer ok (node16, ESM and CJS)');

// A server-side project has no DOM lib: every entry's declarations must type-check with only
// es2022 and @types/node, with skipLibCheck off so that the declarations themselves are read.
// msw's own declarations need the DOM lib (msw documents it), so an entry whose declarations
// reach msw is checked by the consumer above only.
const declarationsReach = (file, peer, seen = new Set()) => {
  if (seen.has(file) || !existsSync(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (new RegExp(`from ['"]${peer}(/[^'"]*)?['"]`).test(text)) return true;
  return [...text.matchAll(/from\s*["'](\.{1,2}\/[^"']+)["']/g)].some(([, rel]) =>
    declarationsReach(resolve(file, '..', rel), peer, seen),
  );
};
const withoutDom = entries.filter(
  (entry) => !declarationsReach(join(installed, pkg.exports[entry].import.types), 'msw'),
);
const domOnly = entries.filter((entry) => !withoutDom.includes(entry));
const nodeSpecifiers = withoutDom.map((entry) => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`));
const nodeTypes = join(consumer, 'node-types');
mkdirSync(nodeTypes, { recursive: true });
writeFileSync(
  join(nodeTypes, 'entries.mts'),
  `${nodeSpecifiers.map((s, i) => `import type * as m${i} from '${s}';\nexport type M${i} = keyof typeof m${i};`).join('\n')}\n`,
);
writeFileSync(
  join(nodeTypes, 'entries.cts'),
  `${nodeSpecifiers.map((s, i) => `import type * as m${i} from '${s}';\nexport type M${i} = keyof typeof m${i};`).join('\n')}\n`,
);
writeFileSync(
  join(nodeTypes, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'node16',
      moduleResolution: 'node16',
      target: 'es2022',
      lib: ['es2022'],
      types: ['node'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files: ['entries.mts', 'entries.cts'],
  }),
);
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: nodeTypes });
console.log(
  `  TypeScript consumer ok without the DOM lib (lib es2022 + @types/node, skipLibCheck false): ${withoutDom.join(', ')}${domOnly.length ? `; with the DOM lib only, since msw's declarations need it: ${domOnly.join(', ')}` : ''}`,
);

console.log('• the marketbridge bin');
const help = execFileSync(process.execPath, [join(installed, pkg.bin.marketbridge), '--help'], {
  cwd: consumer,
  encoding: 'utf8',
});
for (const command of ['verify-webhook', 'simulate', 'sync', 'health', 'dlq', 'limits'])
  if (!help.includes(command)) throw new Error(`marketbridge --help does not list ${command}`);
if (!readFileSync(join(installed, pkg.bin.marketbridge), 'utf8').startsWith('#!/usr/bin/env node'))
  throw new Error('the bin has no shebang');
console.log('  marketbridge --help ok');

console.log('• runtime-agnostic entries import no node: built-ins');
const seen = new Set();
const scan = (file, entry) => {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (/from\s*["']node:|import\(["']node:|require\(["']node:/.test(text))
    throw new Error(`${entry} pulls in a node: built-in through ${file}`);
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
