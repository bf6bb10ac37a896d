import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOptionalPeer } from '../../src/core/optional-peer.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-peer-'));
const from = pathToFileURL(join(dir, 'entry.js')).href;
mkdirSync(join(dir, 'node_modules', 'present-peer'), { recursive: true });
writeFileSync(join(dir, 'node_modules', 'present-peer', 'index.js'), 'module.exports = { answer: 42 };');
mkdirSync(join(dir, 'node_modules', 'broken-peer'), { recursive: true });
writeFileSync(join(dir, 'node_modules', 'broken-peer', 'index.js'), "require('a-dependency-it-lacks');");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOptionalPeer', () => {
  it('returns the installed peer', () => {
    expect(loadOptionalPeer<{ answer: number }>('present-peer', 'marketbridge/testing/msw', from).answer).toBe(42);
  });

  it('names the entry and the npm install when the peer is missing', () => {
    expect(() => loadOptionalPeer('absent-peer', 'marketbridge/testing/msw', from)).toThrow(
      'marketbridge/testing/msw needs the optional peer dependency "absent-peer", which is not installed. Run: npm install --save-dev absent-peer',
    );
  });

  it('takes the install command a production peer needs', () => {
    expect(() => loadOptionalPeer('absent-peer', 'marketbridge/stores/redis', from, 'npm install absent-peer')).toThrow(/Run: npm install absent-peer$/);
  });

  it('reports a peer that is installed but fails to load as failing, with its own error as the cause', () => {
    let caught: unknown;
    try {
      loadOptionalPeer('broken-peer', 'marketbridge/testing/msw', from);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('marketbridge/testing/msw could not load its peer dependency "broken-peer".');
    expect(String(((caught as Error).cause as Error).message)).toContain('a-dependency-it-lacks');
  });
});
