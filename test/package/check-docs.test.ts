import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `npm run check:docs`' script on one guide; resolves its exit code and output. */
async function checkDocs(guide: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/check-docs.mjs', guide], {
      cwd: root,
      timeout: 240_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('scripts/check-docs.mjs (npm run check:docs)', () => {
  it('passes a guide whose blocks compile, run and print what they claim, with preludes, continued blocks and claims', async () => {
    const { code, output } = await checkDocs('test/fixtures/docs-check/good.md');
    expect(output).toMatch(
      /check-docs: 4 ts blocks of 1 files type-check against the built package; 2 ran and showed what they claim/,
    );
    expect(code).toBe(0);
  }, 240_000);

  it('names file and line of every kind of mistake, and fails', async () => {
    const { code, output } = await checkDocs('test/fixtures/docs-check/bad.md');
    expect(code).toBe(1);
    const at = (line: number) => `test/fixtures/docs-check/bad.md:${line}: `;
    expect(output).toContain(`${at(4)}TS2322: Type 'string' is not assignable to type 'number'.`);
    expect(output).toContain(`${at(9)}claims 5 but it is 4`);
    expect(output).toContain(`${at(13)}the block claims outcomes (// →) but is neither docs:run nor docs:no-run`);
    expect(output).toMatch(new RegExp(`${at(18)}prints\\nhello\\n  but the guide shows\\ngoodbye`));
    expect(output).toContain(`${at(28)}throws Error: nobody expected this`);
    expect(output).toContain(`${at(31)}marker docs:prelude is not directly before a code block`);
    expect(output).toMatch(/check-docs: 6 problem\(s\) in 6 blocks of 1 files/);
  }, 240_000);
});
