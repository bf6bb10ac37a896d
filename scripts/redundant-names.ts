/**
 * tsup's `keepNames` makes esbuild set every function's and class's `name` at run time
 * (`__name(fn, "fn")`, `static { __name(this, "X"); }`). Where the name is already the one the
 * JavaScript engine gives, those calls change nothing, but to a user's bundler they are side
 * effects: they keep every function and class of a module in the bundle, used or not. This
 * drops the redundant ones from an ESM output file (the format bundlers tree-shake):
 * - `__name(fn, "fn");` after `function fn` (a function declaration is named by its binding);
 * - the static block of `var X = class { ... }` (an anonymous class takes its binding's name);
 * - `var X = class _X { static { __name(this, "X"); } ... }`, which esbuild emits for a class
 *   that refers to itself, becomes `var X = class X { ... }`: the same class, named X.
 * A renamed function or class (`parse2` for `parse`) keeps its `__name` call.
 * `test/package/built-names.test.ts` checks that names survive the build.
 */
export function dropRedundantNames(text: string): string {
  let out = text.replace(/^__name\((\w+), "(\w+)"\);\n/gm, (line, binding: string, name: string) =>
    binding === name && new RegExp(`^(async )?function\\*? ?${binding}\\(`, 'm').test(text) ? '' : line,
  );
  out = out.replace(
    /^var (\w+) = class( extends [^{\n]+)? \{\n {2}static \{\n {4}__name\(this, "(\w+)"\);\n {2}\}\n/gm,
    (block, binding: string, heritage: string | undefined, name: string) =>
      binding === name ? `var ${binding} = class${heritage ?? ''} {\n` : block,
  );
  for (const [whole, binding, inner, heritage = ''] of out.matchAll(
    /^var (\w+) = class (_\w+)( extends [^{\n]+)? \{\n {2}static \{\n {4}__name\(this, "\1"\);\n {2}\}\n/gm,
  )) {
    // Inside the class its inner name and the outer binding are the same class; outside, the
    // inner name is not in scope. Only a heritage that names the binding would change meaning.
    if (inner !== `_${binding}` || new RegExp(`\\b${binding}\\b`).test(heritage)) continue;
    out = out
      .replace(whole, `var ${binding} = class ${binding}${heritage} {\n`)
      .replace(new RegExp(`\\b${inner}\\b`, 'g'), binding!);
  }
  return out;
}
