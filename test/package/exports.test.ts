import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../tsup.config.js';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<
    string,
    string | { import: { types: string; default: string }; require: { types: string; default: string } }
  >;
  sideEffects: boolean;
  type: string;
  engines: { node: string };
};
const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };

describe('package entry points', () => {
  const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');

  it('has one tsup entry, one source file and one typedoc entry point per export', () => {
    const fromExports = subpaths.map((subpath) => (subpath === '.' ? 'index' : `${subpath.slice(2)}/index`)).sort();
    expect(Object.keys(entries).sort()).toEqual(fromExports);
    for (const source of Object.values(entries)) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(typedoc.entryPoints).toContain(source);
    }
    expect(typedoc.entryPoints).toHaveLength(subpaths.length);
  });

  it('lists types first for import and require, pointing at the tsup outputs', () => {
    for (const subpath of subpaths) {
      const target = pkg.exports[subpath];
      if (target === undefined || typeof target === 'string') throw new Error(`${subpath} must have conditions`);
      const base = subpath === '.' ? './dist/index' : `./dist/${subpath.slice(2)}/index`;
      expect(Object.keys(target.import)[0]).toBe('types');
      expect(Object.keys(target.require)[0]).toBe('types');
      expect(target.import).toEqual({ types: `${base}.d.ts`, default: `${base}.js` });
      expect(target.require).toEqual({ types: `${base}.d.cts`, default: `${base}.cjs` });
    }
  });

  it('is an ES module package without side effects for Node 20+', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe('>=20');
  });
});
