import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entries } from '../../tsup.config.js';

/**
 * Every exported symbol of every public entry has a doc comment with an `@example`: the
 * reference documentation is part of the API.
 */
describe('public API documentation', () => {
  it('gives every exported symbol a doc comment with @example', () => {
    const root = resolve(import.meta.dirname, '../..');
    const files = Object.values(entries).map((file) => join(root, file));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const missing: string[] = [];
    for (const file of files) {
      const source = program.getSourceFile(file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) throw new Error(`Cannot read ${file}`);
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const declarations = symbol.getDeclarations() ?? [];
        const documented = declarations.some((declaration) =>
          ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example'),
        );
        if (!documented) missing.push(`${file.slice(root.length + 1)}: ${exported.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
