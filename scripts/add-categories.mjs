/**
 * Adds a typedoc `@category` tag to the doc comment of every public export that has none,
 * choosing the category from the declaring file (scripts/categories.mjs). Re-running it changes
 * nothing once every export is tagged; a tag written by hand is kept.
 *
 *   node scripts/add-categories.mjs          tag what is missing
 *   node scripts/add-categories.mjs --check  list what is missing, exit 1 if anything is
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { Application, TSConfigReader, TypeDocReader } from 'typedoc';
import { categoryOf } from './categories.mjs';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

const app = await Application.bootstrapWithPlugins(
  { disableSources: false, disableGit: true, sourceLinkTemplate: '{path}', treatWarningsAsErrors: false, plugin: [] },
  [new TypeDocReader(), new TSConfigReader()],
);
const project = await app.convert();
if (!project) throw new Error('typedoc could not convert the project');

/** file → declarations wanted there: the 1-based line typedoc reports, or the name to look up */
const wanted = new Map();
const want = (file, target) => {
  if (!wanted.has(file)) wanted.set(file, []);
  wanted.get(file).push(target);
};
for (const entry of project.children ?? []) {
  for (const reflection of entry.children ?? []) {
    const source = reflection.sources?.[0] ?? reflection.signatures?.[0]?.sources?.[0];
    if (!source?.fullFileName) continue;
    want(resolve(source.fullFileName), { line: source.line, name: reflection.name });
  }
}

/** The declaring statement of `name` in `file`, following `export { name } from` re-exports. */
function declarationOf(file, name, depth = 0) {
  const text = readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const specifier = statement.exportClause.elements.find((e) => e.name.text === name);
      if (!specifier) continue;
      if (!statement.moduleSpecifier || depth > 5) return undefined;
      const target = resolve(file, '..', statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
      return declarationOf(target, (specifier.propertyName ?? specifier.name).text, depth + 1);
    }
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText(sourceFile))
      : [statement.name?.text];
    if (names.includes(name) && statement.jsDoc)
      return { file, line: sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line + 1 };
  }
  return undefined;
}

// A line that holds a re-export points at the declaration it names.
for (const [file, targets] of [...wanted]) {
  const text = readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const kept = [];
  for (const target of targets) {
    const position = sourceFile.getPositionOfLineAndCharacter(target.line - 1, 0);
    const statement = sourceFile.statements.find((s) => s.getStart(sourceFile) <= position && s.end >= position);
    if (statement && ts.isExportDeclaration(statement)) {
      const found = declarationOf(file, target.name);
      if (found) want(found.file, { line: found.line, name: target.name });
      else kept.push(target);
    } else kept.push(target);
  }
  wanted.set(file, kept);
}

const missing = [];
let tagged = 0;
for (const [file, targets] of wanted) {
  const lines = new Set(targets.map((t) => t.line));
  const rel = relative(root, file);
  const category = categoryOf(rel);
  const text = readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits = [];
  for (const line of lines) {
    const position = sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
    const nextLine =
      line < sourceFile.getLineStarts().length ? sourceFile.getPositionOfLineAndCharacter(line, 0) : text.length;
    const statement = sourceFile.statements.find((s) => s.getStart(sourceFile) < nextLine && s.end >= position);
    const docs = statement?.jsDoc;
    const doc = docs?.[docs.length - 1];
    if (!doc) {
      missing.push(`${rel}:${line} (no doc comment)`);
      continue;
    }
    const comment = text.slice(doc.pos, doc.end);
    if (comment.includes('@category')) continue;
    if (!category) {
      missing.push(`${rel}:${line} (no rule in scripts/categories.mjs)`);
      continue;
    }
    if (check) {
      missing.push(`${rel}:${line}`);
      continue;
    }
    edits.push({ pos: doc.pos, end: doc.end, text: withCategory(comment, category, indentAt(text, doc.pos)) });
  }
  if (edits.length === 0) continue;
  let out = text;
  for (const edit of [...new Map(edits.map((e) => [e.pos, e])).values()].sort((a, b) => b.pos - a.pos)) {
    out = out.slice(0, edit.pos) + edit.text + out.slice(edit.end);
    tagged += 1;
  }
  writeFileSync(file, out);
}

/** The whitespace before the comment on its line. */
function indentAt(text, pos) {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))[0];
}

/** The comment with `@category` as its last block tag. */
function withCategory(comment, category, indent) {
  const body = comment.slice(0, -2).replace(/[ \t]+$/, '');
  if (!body.includes('\n')) {
    const summary = body.replace(/^\/\*\*\s*/, '').trim();
    return `/**\n${indent} * ${summary}\n${indent} *\n${indent} * @category ${category}\n${indent} */`;
  }
  const lastBreak = body.lastIndexOf('\n');
  const lastLine = body.slice(lastBreak + 1);
  const head = /^[ \t]*\*?[ \t]*$/.test(lastLine) ? body.slice(0, lastBreak) : `${body}`;
  return `${head}\n${indent} *\n${indent} * @category ${category}\n${indent} */`;
}

if (missing.length > 0) {
  console.error(`${missing.length} public export(s) without @category:\n  ${missing.join('\n  ')}`);
  if (check) process.exit(1);
}
if (!check) console.log(`tagged ${tagged} export(s)`);
