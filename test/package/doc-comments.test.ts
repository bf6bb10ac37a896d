import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entries } from '../../tsup.config.js';

/**
 * The reference documentation is part of the API. Every exported symbol of every public entry
 * has a doc comment; functions, classes and options carry an `@example` that shows them in use;
 * a type carries none that only restates it in one line.
 */
const OPTIONS = /(Options|Config|Configuration|Settings|Init|Hooks)$/;

function exportedDeclarations() {
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
  const found: { where: string; name: string; declarations: ts.Declaration[] }[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`Cannot read ${file}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      found.push({
        where: `${file.slice(root.length + 1)}: ${exported.name}`,
        name: exported.name,
        declarations: symbol.getDeclarations() ?? [],
      });
    }
  }
  return found;
}

const exported = exportedDeclarations();
const docs = (declaration: ts.Declaration) => ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
const examples = (declaration: ts.Declaration) =>
  ts.getJSDocTags(declaration).filter((tag) => tag.tagName.text === 'example');
const exampleLines = (tag: ts.JSDocTag) =>
  (ts.getTextOfJSDocComment(tag.comment) ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('```'));
const isType = (declaration: ts.Declaration) =>
  ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration);
const teaches = (declaration: ts.Declaration, name: string) =>
  ts.isFunctionDeclaration(declaration) ||
  ts.isClassDeclaration(declaration) ||
  (isType(declaration) && OPTIONS.test(name));

describe('public API documentation', () => {
  it('gives every exported symbol a doc comment', () => {
    expect(exported.length).toBeGreaterThan(500);
    const missing = exported
      .filter(({ declarations }) => !declarations.some((declaration) => docs(declaration).length > 0))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it('gives every exported function, class and options type an @example', () => {
    const missing = exported
      .filter(({ name, declarations }) => declarations.some((declaration) => teaches(declaration, name)))
      .filter(({ declarations }) => !declarations.some((declaration) => examples(declaration).length > 0))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it('keeps no one-line @example on a type that only restates it', () => {
    const restating = exported
      .filter(({ name, declarations }) =>
        declarations.some(
          (declaration) =>
            isType(declaration) &&
            !OPTIONS.test(name) &&
            examples(declaration).some((tag) => exampleLines(tag).length <= 1),
        ),
      )
      .map(({ where }) => where);
    expect(restating).toEqual([]);
  });
});
