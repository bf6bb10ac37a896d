import { describe, expect, it } from 'vitest';
import { dropRedundantNames } from '../../scripts/redundant-names.js';

describe('dropRedundantNames (build step after keepNames)', () => {
  it('drops name settings the engine already makes, keeps those of renamed functions and classes', () => {
    const built = [
      'function parseMoney(text) {\n  return text;\n}',
      '__name(parseMoney, "parseMoney");',
      'function parse2(value) {\n  return value;\n}',
      '__name(parse2, "parse");',
      'var StoreLock = class {\n  static {\n    __name(this, "StoreLock");\n  }\n  #held = 0;\n};',
      'var Store2 = class {\n  static {\n    __name(this, "Store");\n  }\n};',
      'var ValidationError = class _ValidationError extends MarketbridgeError {\n  static {\n    __name(this, "ValidationError");\n  }\n  static from(e) {\n    return new _ValidationError(e);\n  }\n};',
      '',
    ].join('\n');
    const out = dropRedundantNames(built);
    expect(out).not.toContain('__name(parseMoney');
    expect(out).toContain('__name(parse2, "parse");');
    expect(out).toContain('var StoreLock = class {\n  #held = 0;');
    expect(out).toContain('__name(this, "Store");');
    expect(out).toContain(
      'var ValidationError = class ValidationError extends MarketbridgeError {\n  static from(e) {\n    return new ValidationError(e);',
    );
    expect(out).not.toContain('_ValidationError');
  });

  it('keeps the call when no function declaration of that name exists (a variable holding a function)', () => {
    const built = 'var handler = make();\n__name(handler, "handler");\n';
    expect(dropRedundantNames(built)).toBe(built);
  });

  it('behaves the same on the output it produced', () => {
    const built = 'var A = class _A {\n  static {\n    __name(this, "A");\n  }\n  self() {\n    return _A;\n  }\n};\n';
    const once = dropRedundantNames(built);
    expect(once).toBe('var A = class A {\n  self() {\n    return A;\n  }\n};\n');
    expect(dropRedundantNames(once)).toBe(once);
    // and the class still works, named A
    const A = new Function(`${once}; return A;`)() as { name: string; prototype: { self(): unknown } };
    expect(A.name).toBe('A');
    expect(A.prototype.self()).toBe(A);
  });
});
