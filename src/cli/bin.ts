/**
 * The `marketbridge` executable.
 *
 * @module marketbridge/cli
 */
import { readFileSync } from 'node:fs';
import { runCli } from './program.js';

const version = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
})();

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, version);
