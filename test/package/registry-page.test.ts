import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../tsup.config.js';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  license: string;
  files: string[];
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the package as the npm registry shows it', () => {
  it('ships an MIT LICENSE naming the project, matching the license field', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toContain('LICENSE');
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} marketbridge\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it('links the repository, its home page and its issue tracker', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/marketbridge/marketbridge.git' });
    expect(pkg.homepage).toBe('https://github.com/marketbridge/marketbridge#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/marketbridge/marketbridge/issues' });
  });

  it('lists in files only what exists (dist/ once built; CHANGELOG.md is not generated yet)', () => {
    for (const listed of pkg.files.filter((file) => file !== 'dist'))
      expect(existsSync(join(root, listed)), listed).toBe(true);
    expect(pkg.files).not.toContain('CHANGELOG.md');
    expect(pkg.files).toContain('dist');
  });

  it('opens the README with the install command, an example of at most 10 lines, then the contributor commands', () => {
    const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({
      lang,
      lines: body!.trimEnd().split('\n'),
    }));
    expect(blocks[0]).toEqual({ lang: 'sh', lines: [`npm install ${pkg.name}`] });
    expect(blocks[1]!.lang).toBe('ts');
    expect(blocks[1]!.lines.length).toBeLessThanOrEqual(10);
    expect(blocks[1]!.lines[0]).toMatch(new RegExp(`from '${pkg.name}';$`));
    expect(blocks[2]!.lang).toBe('sh');
    expect(blocks[2]!.lines.map((line) => line.split('#')[0]!.trim())).toEqual([
      'npm install && npm run demo',
      'npm install && npm test',
    ]);
    // all of it on the first screen
    expect(readme.slice(0, readme.indexOf('npm install && npm test')).split('\n').length).toBeLessThan(30);
  });

  it('has only absolute links in the README, since the registry page has no docs/ folder to resolve them against', () => {
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target, target).toMatch(/^(https:\/\/|#)/);
  });

  it('publishes no source maps: the package ships no sources for them to point at', () => {
    const builds = (Array.isArray(config) ? config : [config]) as Array<{ sourcemap?: unknown }>;
    expect(builds.length).toBeGreaterThan(0);
    for (const build of builds) expect(build.sourcemap).toBe(false);
  });
});
