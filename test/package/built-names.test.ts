import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'tsup';
import { entries, libraryConfig } from '../../tsup.config.js';

const root = resolve(import.meta.dirname, '../..');
let out: string;

/** Runs `code` in a fresh Node process and returns what it printed to stderr (it is expected to fail). */
function stderrOf(args: string[]): string {
  try {
    execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error('the script was expected to fail');
}

describe('the built package keeps class names', () => {
  beforeAll(async () => {
    // Inside the project, so that the bundle's dependencies resolve from its node_modules.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    out = mkdtempSync(join(root, '.tmp', 'built-names-'));
    // The project's own build options, for the root entry only and without type declarations.
    await build({
      ...libraryConfig,
      config: false,
      entry: { index: entries.index },
      dts: false,
      sourcemap: false,
      clean: false,
      outDir: out,
      silent: true,
    });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('an uncaught error from the ESM build prints ValidationError', () => {
    const printed = stderrOf([
      '--input-type=module',
      '-e',
      `const { createDefaultFactory } = await import(${JSON.stringify(join(out, 'index.js'))}); await createDefaultFactory().create('no-such-shop', {});`,
    ]);
    expect(printed).toMatch(/^ValidationError: Invalid marketplace name/m);
    expect(printed).not.toContain('_ValidationError');
  });

  it('an uncaught error from the CJS build prints ValidationError, and constructors keep their names', () => {
    const printed = stderrOf([
      '-e',
      `const m = require(${JSON.stringify(join(out, 'index.cjs'))}); console.error([m.ValidationError.name, m.BaseMarketplaceAPI.name, m.MarketbridgeError.name].join(',')); m.createDefaultFactory().create('no-such-shop', {});`,
    ]);
    expect(printed).toContain('ValidationError,BaseMarketplaceAPI,MarketbridgeError');
    expect(printed).toMatch(/^ValidationError: Invalid marketplace name/m);
    expect(printed).not.toContain('_ValidationError');
  });
});
