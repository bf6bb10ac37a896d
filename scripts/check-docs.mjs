#!/usr/bin/env node
// Checks the guides as a reader uses them: every ```ts block of README.md and docs/*.md is
// extracted and type-checked in one TypeScript program against the built package (resolved as
// `marketbridge` and its subpaths through a link in .tmp/docs-check/node_modules), and the
// blocks marked to run are executed and their claimed outcomes compared. Run after
// `npm run build`.
//
// Markers are HTML comments (invisible on GitHub and in typedoc) on the lines before a block:
//
//   <!-- docs:prelude
//   import { RealWorldAdapter } from 'marketbridge';
//   declare const credentials: { clientId: string };
//   -->                             hidden code put before the next block (its declarations)
//   <!-- docs:postlude ... -->      hidden code put after it (to close a fragment)
//   <!-- docs:file-prelude ... -->  hidden code put before every block of the file
//   <!-- docs:continue -->          the block continues the previous one (one module)
//   <!-- docs:run -->               the block is executed; see claims and output below
//   <!-- docs:no-run reason -->     the block claims outcomes it cannot show offline
//                                   (credentials, a real marketplace); type-checked only
//   <!-- docs:output -->            before a ```text block: exactly what the run block
//                                   before it prints (console.log lines; an uncaught error
//                                   as `Name: message`)
//
// A claim is a comment `// → value` (optionally `// → value — remark`) after an expression
// statement or a `const x = ...` declaration, on its last line or alone on the next line: in a run block it becomes a check that the actual value contains the claimed
// one (objects: every claimed key matches; arrays: same length, every element matches;
// anything else: equal). A block with claims must be marked run or no-run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
// One folder per run, inside the project so that blocks resolve its node_modules.
const work = join(root, '.tmp', `docs-check-${process.pid}`);
const keep = process.argv.includes('--keep');
const started = Date.now();
const CLAIM = /\/\/\s*→/;
const problems = [];
const problem = (file, line, message) => problems.push(`${file}:${line}: ${message}`);

// `node scripts/check-docs.mjs docs/safety.md` checks only the files named.
const only = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'))
  .map((file) => relative(root, resolve(file)));
const guides = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const sources = only.length ? only : guides;

/** Splits one markdown file into its code blocks with their markers. */
function parse(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  const filePrelude = [];
  let pending = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^\s*<!--\s*docs:([a-z-]+)(.*)$/.exec(line);
    if (marker) {
      const [, kind, rest] = marker;
      const body = [];
      let text = rest;
      const at = i + 1;
      while (!text.includes('-->')) {
        body.push(text);
        i++;
        if (i >= lines.length) {
          problem(file, at, `unterminated <!-- docs:${kind} comment`);
          break;
        }
        text = lines[i];
      }
      body.push(text.slice(0, text.indexOf('-->')));
      const content = body
        .join('\n')
        .replace(/^\s*\n/, '')
        .replace(/\n\s*$/, '');
      if (!['prelude', 'postlude', 'file-prelude', 'continue', 'run', 'no-run', 'output'].includes(kind))
        problem(file, at, `unknown marker docs:${kind}`);
      else if (kind === 'file-prelude') filePrelude.push({ code: content, line: at });
      else pending.push({ kind, content: content.trim() === '' ? '' : content, line: at });
      continue;
    }
    const fence = /^(\s*)```([\w-]*)\s*$/.exec(line);
    if (!fence) {
      if (line.trim() !== '' && pending.length) {
        problem(file, pending[0].line, `marker docs:${pending[0].kind} is not directly before a code block`);
        pending = [];
      }
      continue;
    }
    const indent = fence[1].length;
    const lang = fence[2];
    const start = i + 1;
    const code = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++)
      code.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
    const kinds = new Set(pending.map((p) => p.kind));
    if (lang === 'ts' || lang === 'typescript') {
      blocks.push({
        file,
        line: start + 1,
        code,
        prelude: pending.filter((p) => p.kind === 'prelude').map((p) => p.content),
        postlude: pending.filter((p) => p.kind === 'postlude').map((p) => p.content),
        continues: kinds.has('continue'),
        run: kinds.has('run'),
        noRun: kinds.has('no-run'),
      });
      if (kinds.has('output')) problem(file, start, 'docs:output belongs before a ```text block');
    } else if (kinds.has('output')) {
      const last = blocks.at(-1);
      if (!last?.run) problem(file, start, 'docs:output must follow a block marked docs:run');
      else last.output = { text: code.join('\n'), line: start + 1 };
    } else if (pending.length) {
      problem(file, start, `markers before a \`\`\`${lang || '(plain)'} block are ignored; only ts blocks are checked`);
    }
    pending = [];
  }
  return { blocks, filePrelude };
}

/** The generated module of a block: its lines, and where each came from (undefined: hidden). */
function assemble(parsed) {
  const modules = [];
  let previous;
  for (const block of parsed.blocks) {
    const lines = [];
    const origin = [];
    const add = (text, from) => {
      for (const [offset, line] of text.split('\n').entries()) {
        lines.push(line);
        origin.push(from === undefined ? undefined : from + offset);
      }
    };
    const own = { lines: [], origin: [] };
    const addOwn = (text, from) => {
      for (const [offset, line] of text.split('\n').entries()) {
        own.lines.push(line);
        own.origin.push(from === undefined ? undefined : from + offset);
      }
    };
    if (block.continues) {
      if (!previous) problem(block.file, block.line - 1, 'docs:continue on the first block of the file');
      else {
        own.lines.push(...previous.own.lines);
        own.origin.push(...previous.own.origin);
      }
    }
    for (const prelude of block.prelude) addOwn(prelude);
    addOwn(block.code.join('\n'), block.line);
    for (const postlude of block.postlude) addOwn(postlude);
    for (const prelude of parsed.filePrelude) add(prelude.code);
    lines.push(...own.lines);
    origin.push(...own.origin);
    const hasClaims = block.code.some((line) => CLAIM.test(line));
    if (hasClaims && !block.run && !block.noRun)
      problem(block.file, block.line, 'the block claims outcomes (// →) but is neither docs:run nor docs:no-run');
    const module = { block, lines, origin, own };
    modules.push(module);
    previous = module;
  }
  return modules;
}

/** A run block's claims turned into checks, found with the TypeScript parser. */
function instrument(module) {
  const text = module.lines.join('\n');
  const source = ts.createSourceFile('block.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineOf = (position) => source.getLineAndCharacterOfPosition(position).line;
  const edits = [];
  const statements = source.statements;
  for (const [index, statement] of statements.entries()) {
    // The claim is a `// → value` comment after the statement on its last line, or alone on the next line.
    const after = [...(ts.getTrailingCommentRanges(text, statement.end) ?? [])];
    const next = statements[index + 1];
    const following = ts.getLeadingCommentRanges(text, statement.end) ?? [];
    if (after.length === 0 && following[0] && lineOf(following[0].pos) === lineOf(statement.end) + 1)
      after.push(following[0]);
    if (next === undefined && after.length === 0)
      after.push(...(ts.getLeadingCommentRanges(text, statement.end) ?? []).slice(0, 1));
    const comment = after.map((range) => text.slice(range.pos, range.end)).find((c) => /^\/\/\s*→/.test(c));
    if (!comment) continue;
    const from = module.origin[lineOf(text.indexOf(comment, statement.end))];
    if (from === undefined) continue;
    // `// → value — remark`: the remark after a spaced dash is prose.
    const expected = comment.replace(/^\/\/\s*→\s*/, '').split(' — ')[0];
    const where = JSON.stringify(`${module.block.file}:${from}`);
    if (ts.isExpressionStatement(statement)) {
      edits.push({
        start: statement.getStart(source),
        end: statement.end,
        text: `globalThis.__docs.check((${statement.expression.getText(source)}), (${expected}), ${where});`,
      });
    } else if (
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.length === 1 &&
      ts.isIdentifier(statement.declarationList.declarations[0].name)
    ) {
      edits.push({
        start: statement.end,
        end: statement.end,
        text: ` globalThis.__docs.check(${statement.declarationList.declarations[0].name.text}, (${expected}), ${where});`,
      });
    } else {
      problem(
        module.block.file,
        from,
        'a claim (// →) must follow an expression statement or a single const declaration',
      );
    }
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out.split('\n');
}

// 1. Extract every block into .tmp/docs-check, where `marketbridge` is a link to this package.
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
mkdirSync(join(work, 'blocks'));
mkdirSync(join(work, 'run'));
symlinkSync(root, join(work, 'node_modules', 'marketbridge'), 'dir');
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'docs-check', private: true, type: 'module' }));

const modules = sources.flatMap((file) => assemble(parse(file)));
if (
  modules.some((module) => /from\s+['"]marketbridge[/'"]/.test(module.lines.join('\n'))) &&
  !existsSync(join(root, 'dist', 'index.d.ts'))
) {
  console.error('check-docs: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const byPath = new Map();
for (const [index, module] of modules.entries()) {
  const name = `${module.block.file.replace(/[^\w]+/g, '_')}_${module.block.line}.ts`;
  module.path = join(work, 'blocks', name);
  module.index = index;
  writeFileSync(module.path, `${module.lines.join('\n')}\nexport {};\n`);
  byPath.set(resolve(module.path), module);
}

// 2. One TypeScript program over all of them, as a user's strict project compiles them.
const program = ts.createProgram([...byPath.keys()], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  typeRoots: [join(root, 'node_modules', '@types')],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowImportingTsExtensions: false,
});
const seen = new Set();
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const module = diagnostic.file ? byPath.get(resolve(diagnostic.file.fileName)) : undefined;
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  if (!module) {
    problems.push(
      `${diagnostic.file ? relative(root, diagnostic.file.fileName) : '(program)'}: TS${diagnostic.code}: ${text}`,
    );
    continue;
  }
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const from = module.origin[line];
  const where =
    from === undefined
      ? `${module.block.file}:${module.block.line} (hidden prelude line ${line + 1} of ${relative(root, module.path)})`
      : `${module.block.file}:${from}`;
  const key = `${where} ${text}`;
  if (seen.has(key)) continue;
  seen.add(key);
  problems.push(`${where}: TS${diagnostic.code}: ${text}`);
}

// 3. Run the blocks marked docs:run (in one process, one after the other) and compare claims.
const runs = modules.filter((module) => module.block.run);
for (const module of runs) {
  module.runPath = join(work, 'run', `${module.index}.ts`);
  writeFileSync(module.runPath, `${instrument(module).join('\n')}\nexport {};\n`);
}
const plan = runs.map((module) => ({
  path: module.runPath,
  where: `${module.block.file}:${module.block.line}`,
  output: module.block.output ?? null,
}));
writeFileSync(join(work, 'run', 'plan.json'), JSON.stringify(plan));
writeFileSync(join(work, 'run', 'runner.mjs'), RUNNER());
// Run blocks that are test files (`import { describe, it, expect } from 'vitest'`) get a small
// stand-in that queues their tests for the runner; type-checking used the real vitest types.
mkdirSync(join(work, 'run', 'node_modules', 'vitest'), { recursive: true });
writeFileSync(
  join(work, 'run', 'node_modules', 'vitest', 'package.json'),
  JSON.stringify({ name: 'vitest', type: 'module', exports: './index.js' }),
);
writeFileSync(join(work, 'run', 'node_modules', 'vitest', 'index.js'), VITEST_STAND_IN());
if (runs.length) {
  try {
    const out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(work, 'run', 'runner.mjs')], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    const report = JSON.parse(out.slice(out.lastIndexOf('\n{') + 1));
    problems.push(...report.problems);
  } catch (error) {
    problems.push(`running the docs:run blocks failed: ${error.stderr || error.message}`);
  }
}

if (!keep) rmSync(work, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  // A claim of a block that others continue is checked in each of them; report it once.
  console.error([...new Set(problems)].join('\n'));
  console.error(
    `\ncheck-docs: ${problems.length} problem(s) in ${modules.length} blocks of ${sources.length} files (${seconds} s).`,
  );
  process.exit(1);
}
console.log(
  `check-docs: ${modules.length} ts blocks of ${sources.length} files type-check against the built package; ${runs.length} ran and showed what they claim (${seconds} s).`,
);

function RUNNER() {
  return `import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format, inspect } from 'node:util';

const plan = JSON.parse(readFileSync(new URL('./plan.json', import.meta.url), 'utf8'));
const problems = [];
let current = [];

/** Whether \`actual\` contains \`expected\`: claimed keys of objects, every element of arrays, equal otherwise. */
function contains(actual, expected) {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  if (expected !== null && typeof expected === 'object') return actual !== null && typeof actual === 'object' && Object.keys(expected).every((key) => contains(actual[key], expected[key]));
  return Object.is(actual, expected);
}

globalThis.__docs = {
  check(actual, expected, where) {
    if (!contains(actual, expected)) current.push(\`\${where}: claims \${inspect(expected, { depth: 6, breakLength: Infinity })} but it is \${inspect(actual, { depth: 6, breakLength: Infinity })}\`);
  },
};

const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
for (const block of plan) {
  const stdout = [];
  const stderr = [];
  current = [];
  console.log = console.info = (...args) => stdout.push(format(...args));
  console.warn = console.error = console.debug = (...args) => stderr.push(format(...args));
  let thrown;
  globalThis.__docsTests = [];
  try {
    await import(pathToFileURL(block.path).href);
    for (const test of globalThis.__docsTests) {
      try {
        await test.fn();
      } catch (error) {
        current.push(\`\${block.where}: test "\${test.name}" fails: \${error instanceof Error ? error.message : inspect(error)}\`);
      }
    }
  } catch (error) {
    thrown = error;
  }
  Object.assign(console, original);
  if (thrown !== undefined) stdout.push(thrown instanceof Error ? \`\${thrown.name}: \${thrown.message}\` : \`Uncaught \${inspect(thrown)}\`);
  if (block.output !== null) {
    const clean = (text) => text.split('\\n').map((line) => line.trimEnd()).join('\\n').trim();
    if (clean(stdout.join('\\n')) !== clean(block.output.text)) current.push(\`\${block.where}: prints\\n\${stdout.join('\\n')}\\n  but the guide shows\\n\${block.output.text}\`);
  } else if (thrown !== undefined) {
    current.push(\`\${block.where}: throws \${thrown instanceof Error ? thrown.stack : inspect(thrown)}\`);
  }
  if (current.length && stderr.length) current.push(\`  (it also wrote to stderr: \${stderr.join(' | ').slice(0, 2000)})\`);
  problems.push(...current);
}
process.stdout.write('\\n' + JSON.stringify({ problems }) + '\\n');
process.exit(0);
`;
}

function VITEST_STAND_IN() {
  return `import { inspect, isDeepStrictEqual } from 'node:util';

const queue = () => (globalThis.__docsTests ??= []);
const contains = (actual, expected) => {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  if (expected !== null && typeof expected === 'object') return actual !== null && typeof actual === 'object' && Object.keys(expected).every((key) => contains(actual[key], expected[key]));
  return Object.is(actual, expected);
};
const fail = (actual, what) => { throw new Error(\`expected \${inspect(actual, { depth: 4 })} \${what}\`); };

export function describe(_name, body) { body(); }
export function it(name, fn) { queue().push({ name, fn }); }
export const test = it;
export function beforeAll(fn) { queue().push({ name: 'beforeAll', fn }); }
export function expect(actual) {
  return {
    toBe: (expected) => Object.is(actual, expected) || fail(actual, \`to be \${inspect(expected)}\`),
    toEqual: (expected) => isDeepStrictEqual(actual, expected) || fail(actual, \`to equal \${inspect(expected)}\`),
    toMatchObject: (expected) => contains(actual, expected) || fail(actual, \`to match \${inspect(expected)}\`),
    toBeTruthy: () => Boolean(actual) || fail(actual, 'to be truthy'),
    toBeUndefined: () => actual === undefined || fail(actual, 'to be undefined'),
  };
}
`;
}
