import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as bundle } from 'esbuild';
import { build } from 'tsup';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { amazonMarketplace } from '../../src/connectors/amazon/definition.js';
import { bolMarketplace } from '../../src/connectors/bol/definition.js';
import { ebayMarketplace } from '../../src/connectors/ebay/definition.js';
import { mercadolibreMarketplace } from '../../src/connectors/mercadolibre/definition.js';
import { shopifyMarketplace } from '../../src/connectors/shopify/definition.js';
import { simulatedMarketplace } from '../../src/simulated/definition.js';
import { entries, libraryConfig } from '../../tsup.config.js';

/** Every call made through zod's `z` namespace (`z.object`, `z.string`, `z.iso.datetime`, ...). */
const calls: string[] = [];

vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod')>();
  const counting = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof key !== 'string') return value;
        if (typeof value === 'function') {
          return new Proxy(value, {
            apply(fn, self, args) {
              calls.push(`${path}.${key}`);
              return Reflect.apply(fn, self, args);
            },
          });
        }
        return value !== null && typeof value === 'object' ? counting(value, `${path}.${key}`) : value;
      },
    });
  return { ...actual, z: counting(actual.z, 'z') };
});

const root = resolve(import.meta.dirname, '../..');

describe('importing an entry does no work at module top level', () => {
  beforeEach(() => {
    vi.resetModules();
    calls.length = 0;
  });

  it.each(Object.entries(entries))('%s builds no zod schema on import', { timeout: 120_000 }, async (_name, source) => {
    await import(join(root, source));
    expect(calls).toEqual([]);
  });

  it('builds a schema on its first use, once (the spy sees what importing would have built)', {
    timeout: 120_000,
  }, async () => {
    const { MoneySchema, PriceSchema } = await import(join(root, 'src/index.ts'));
    expect(calls).toEqual([]);
    expect(PriceSchema.safeParse({ amountMinor: -1, currency: 'EUR' }).success).toBe(false);
    expect(calls).toContain('z.object');
    const built = calls.length;
    expect(MoneySchema.parse({ amountMinor: 1999, currency: 'EUR' })).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(PriceSchema.parse({ amountMinor: 0, currency: 'JPY' })).toEqual({ amountMinor: 0, currency: 'JPY' });
    expect(calls.length).toBe(built);
  });
});

/** What esbuild's metafile says about one output file of the build. */
interface Output {
  inputs: Record<string, { bytesInOutput: number }>;
  imports: Array<{ path: string; kind: string; external?: boolean }>;
}

/** A connector's class module (`shopify-marketplace.ts`, ...): what its definition imports on `create` only. */
const CLASS_MODULE = /^src\/(?:connectors\/[^/]+|simulated)\/[a-z-]+-marketplace\.ts$/;

// Two chunk layouts: the published one, and the root entry built alone (as after entries are
// added or removed): what a bundler keeps must not depend on which modules share a chunk.
describe.each([
  ['as published (every entry)', entries],
  ['built alone', { index: entries.index }],
])('the root entry %s', (_layout, entry) => {
  let out: string;
  let outputs: Record<string, Output>;
  /** The output files importing the root loads: index.js and the chunks it imports statically. */
  const loadedOnImport = new Set<string>();
  /** The packages those files import statically. */
  const packagesOnImport = new Set<string>();

  beforeAll(async () => {
    // Inside the project, so that the bundle's dependencies resolve from its node_modules.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    out = mkdtempSync(join(root, '.tmp', 'import-cost-'));
    // The project's own build options, ESM, without declarations.
    await build({
      ...libraryConfig,
      config: false,
      entry,
      format: ['esm'],
      dts: false,
      clean: false,
      outDir: out,
      metafile: true,
      silent: true,
    });
    const meta = JSON.parse(readFileSync(join(out, 'metafile-esm.json'), 'utf8')) as {
      outputs: Record<string, Output>;
    };
    outputs = Object.fromEntries(
      Object.entries(meta.outputs).map(([path, output]) => [relative(out, join(root, path)), output]),
    );
    const visit = (file: string) => {
      if (loadedOnImport.has(file)) return;
      loadedOnImport.add(file);
      for (const imported of outputs[file]!.imports) {
        if (imported.kind !== 'import-statement') continue;
        if (imported.external) packagesOnImport.add(imported.path);
        else visit(relative(out, join(root, imported.path)));
      }
    };
    visit('index.js');
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const sourcesOf = (files: Iterable<string>) => [...files].flatMap((file) => Object.keys(outputs[file]!.inputs));

  it('imports no connector class, request pipeline, OAuth, webhook or sync module statically', () => {
    const sources = sourcesOf(loadedOnImport);
    expect(sources).toContain('src/model/money-text.ts');
    expect(sources.filter((source) => CLASS_MODULE.test(source))).toEqual([]);
    expect(sources.filter((source) => /^src\/(?:http|auth|webhooks|sync)\//.test(source))).toEqual([]);
    // Each connector class is in a chunk of its own that only `create` imports.
    const lazy = Object.keys(outputs).filter((file) => !loadedOnImport.has(file));
    expect(sourcesOf(lazy).filter((source) => CLASS_MODULE.test(source))).toEqual(
      expect.arrayContaining([
        'src/simulated/simulated-marketplace.ts',
        'src/connectors/shopify/shopify-marketplace.ts',
        'src/connectors/amazon/amazon-marketplace.ts',
        'src/connectors/bol/bol-marketplace.ts',
        'src/connectors/ebay/ebay-marketplace.ts',
        'src/connectors/mercadolibre/mercadolibre-marketplace.ts',
      ]),
    );
  });

  it('needs no runtime dependency beyond eventemitter3, neverthrow and zod on import', () => {
    // Not ky, p-queue or lru-cache: the request pipeline loads with the first connector created.
    // zod is still loaded: the root exports the canonical schemas (MoneySchema, ...) and a
    // default factory whose validateConfig is synchronous.
    const allowed = ['eventemitter3', 'neverthrow', 'zod'];
    expect(packagesOnImport.size).toBeGreaterThan(0);
    expect([...packagesOnImport].filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('loads exactly those files when Node imports it, none of the lazy chunks', () => {
    const hook = `let port;export function initialize(data){port=data.port}export async function load(url,context,next){port.postMessage(url);return next(url,context)}`;
    const script = [
      `import { register } from 'node:module';`,
      `const urls = []; const { port1, port2 } = new MessageChannel(); port1.on('message', (url) => urls.push(url)); port1.unref();`,
      `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });`,
      `await import(${JSON.stringify(join(out, 'index.js'))});`,
      `await new Promise((resolve) => setTimeout(resolve, 100));`,
      `console.log(JSON.stringify(urls));`,
    ].join('\n');
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const urls = JSON.parse(printed) as string[];
    const prefix = `file://${out}/`;
    const files = urls.filter((url) => url.startsWith(prefix)).map((url) => url.slice(prefix.length));
    expect(new Set(files)).toEqual(loadedOnImport);
    const packages = new Set(
      urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []).filter(Boolean),
    );
    expect([...packages].sort()).toEqual([...packagesOnImport].sort());
  });

  it('leaves zod, the definitions and the connectors out of a bundle that uses only parseMoney and formatMoney', {
    timeout: 60_000,
  }, async () => {
    const result = await bundle({
      stdin: {
        contents: `import { parseMoney, formatMoney } from ${JSON.stringify(join(out, 'index.js'))};\nconst m = parseMoney(globalThis.input ?? '1.00', 'EUR');\nconsole.log(m.isOk() ? formatMoney(m.value) : m.error);\n`,
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['import', 'module', 'default'],
      target: 'es2022',
      tsconfigRaw: '{}',
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    expect(inputs.some((path) => path.endsWith('/index.js'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules/zod/'))).toEqual([]);
    expect(inputs.filter((path) => /-marketplace-[A-Z0-9]+\.js$/.test(path))).toEqual([]);
    for (const definition of [
      simulatedMarketplace,
      shopifyMarketplace,
      amazonMarketplace,
      bolMarketplace,
      ebayMarketplace,
      mercadolibreMarketplace,
    ]) {
      expect(definition.description!.length, definition.name).toBeGreaterThan(20);
      expect(code.includes(definition.description!), definition.name).toBe(false);
    }
    // The figure itself is the bench's (bench/package.ts); this only shows the bundle is the small one.
    expect(gzipSync(code).length).toBeLessThan(15 * 1024);
  });
});
