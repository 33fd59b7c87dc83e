// Counterparts of pluggy's testing/test_helpers.py (`varnames` and `_formatdef`), mapped to
// `readArgnames` and the argument-name rules of API.md: a hook function's argument names are the
// keys of the destructuring pattern of its first parameter (keys with a default value are
// optional), or the `argnames` marker option, or unknown (the argument checks are then skipped).
// pluggy's `(argnames, kwargnames)` pair is `{ required, optional }` here.

import { describe, expect, it } from "vitest";
import { HookArgumentsWarning, HookCallError, PluginValidationError, readArgnames } from "../../src/index.ts";
import { createManager, errorOf, hookimpl, hookOf, hookspec } from "../support/harness.ts";

// pluggy: test_varnames_legacy_noself_warns — not applicable: the DeprecationWarning is about Python spec methods whose first parameter is not `self`; JS methods have no explicit receiver parameter.
// pluggy: test_varnames_legacy_noself_no_warn_with_self — not applicable: same Python-only `self` convention (the `legacy_noself` flag of varnames).
// pluggy: test_varnames_no_legacy_noself_no_warn — not applicable: same Python-only `self` convention (the `legacy_noself` flag of varnames).
// pluggy: test_varnames_legacy_noself_suppressed_for_timeout_hooks — not applicable: a suppression list for pytest-timeout's Python hookspecs without `self`.

describe("readArgnames (pluggy's varnames)", () => {
  it("reads the keys a function, a method and a method read from an instance destructure", () => {
    // pluggy: test_varnames
    // pluggy's third case, a callable instance (`__call__`), has no JS counterpart: only functions are callable.
    function f({ x }: { x: unknown }): void {
      const i = 3;
      void [x, i];
    }
    class A {
      f({ y }: { y: unknown }): void {
        void y;
      }
    }

    expect(readArgnames(f)).toEqual({ required: ["x"], optional: [] });
    expect(readArgnames(new A().f)).toEqual({ required: ["y"], optional: [] });
    expect(readArgnames(A.prototype.f)).toEqual({ required: ["y"], optional: [] });
  });

  it("reads keys with a default value as optional", () => {
    // pluggy: test_varnames_default
    function f({ x, y = 3 }: { x: unknown; y?: number }): void {
      void [x, y];
    }
    expect(readArgnames(f)).toEqual({ required: ["x"], optional: ["y"] });
  });

  it("knows no argument names for a class, which cannot be called as an implementation", () => {
    // pluggy: test_varnames_class
    // pluggy reads a class's __init__ parameters; a JS class cannot be called without `new`, so it
    // is never a hook function and its names are unknown.
    class C {
      constructor({ x }: { x: unknown }) {
        void x;
      }
    }
    class D {}
    expect(readArgnames(C)).toBeUndefined();
    expect(readArgnames(D)).toBeUndefined();
  });

  it("reads only the first parameter: later parameters are never passed by a hook call", () => {
    // pluggy: test_varnames_keyword_only
    // pluggy ignores keyword-only parameters, which a hook call never passes; in hooksmith what a
    // call never passes is any parameter after the arguments object.
    function f1({ x }: { x: unknown }, { y }: { y: unknown } = { y: 1 }): void {
      void [x, y];
    }
    function f2({ x }: { x: unknown }, y = 3): void {
      void [x, y];
    }
    function f3({ x = 1 }: { x?: number } = {}, { y = 3 }: { y?: number } = {}): void {
      void [x, y];
    }
    expect(readArgnames(f1)).toEqual({ required: ["x"], optional: [] });
    expect(readArgnames(f2)).toEqual({ required: ["x"], optional: [] });
    expect(readArgnames(f3)).toEqual({ required: [], optional: ["x"] });
  });

  it("renders an implementation's definition in validation messages from its argument names", () => {
    // pluggy: test_formatdef
    // pluggy's private _formatdef renders `inspect.signature`; its public trace is the
    // "hookimpl definition:" line of PluginValidationError, checked here through a wrapper that is
    // not a generator. pluggy shows `arg2='qwe'` and `*args, **kwargs`; hooksmith shows defaults as
    // `= …` and leaves out a rest element, which no hook call fills by name.
    const { pm } = createManager();
    const definitionOf = (fn: Function): string => {
      const error = errorOf(() => pm.register({ h: hookimpl({ wrapper: true })(fn) }, "p"));
      expect(error).toBeInstanceOf(PluginValidationError);
      return /hookimpl definition: (.*)\n/.exec(error.message)![1]!;
    };

    expect(definitionOf(function function1() {})).toBe("function1()");
    expect(
      definitionOf(function function2({ arg1 }: { arg1: unknown }) {
        void arg1;
      }),
    ).toBe("function2({ arg1 })");
    expect(
      definitionOf(function function3({ arg1, arg2 = "qwe" }: { arg1: unknown; arg2?: string }) {
        void [arg1, arg2];
      }),
    ).toBe("function3({ arg1, arg2 = … })");
    expect(
      definitionOf(function function4({ arg1, ...kwargs }: { arg1: unknown; [key: string]: unknown }) {
        void [arg1, kwargs];
      }),
    ).toBe("function4({ arg1 })");
    expect(
      definitionOf(function function5(args: unknown) {
        void args;
      }),
    ).toBe("function5(…)");
  });

  it("knows no names for a function wrapped by a decorator, unless the argnames option gives them", () => {
    // pluggy: test_varnames_decorator
    // pluggy unwraps `functools.wraps` wrappers; JS has no such link from a wrapper to the wrapped
    // function, so a wrapper's names are unknown. hooksmith's own markers return the function
    // itself, so a marked method keeps its names, and the `argnames` option covers real wrappers.
    const myDecorator =
      <Fn extends (...args: never[]) => unknown>(func: Fn) =>
      (...args: Parameters<Fn>): ReturnType<Fn> =>
        func(...args) as ReturnType<Fn>;

    const example = myDecorator(function example({ a, b = 123 }: { a: unknown; b?: number }) {
      void [a, b];
    });
    class Example {
      @hookimpl
      example_method({ x, y = 1 }: { x: unknown; y?: number }): void {
        void [x, y];
      }
    }
    const exInst = new Example();

    expect(readArgnames(example)).toBeUndefined();
    expect(readArgnames(Example.prototype.example_method)).toEqual({ required: ["x"], optional: ["y"] });
    expect(readArgnames(exInst.example_method)).toEqual({ required: ["x"], optional: ["y"] });

    const { pm } = createManager();
    pm.register({ example: hookimpl({ argnames: ["a"] })(example) }, "wrapped");
    const [impl] = hookOf(pm, "example").getHookimpls();
    expect(impl!.argnames).toEqual(["a"]);
  });

  it("reads a module-level function assigned to a class member, but not a bound function", () => {
    // pluggy: test_varnames_bound_method_from_module_function
    // A function stored on a class keeps its source. `fn.bind(obj)` makes a native function whose
    // source cannot be read, so its names are unknown (give them with the `argnames` option).
    function standalone(this: unknown, { x }: { x: unknown }): void {
      void x;
    }
    class MyClass {
      method = standalone;
    }
    expect(readArgnames(new MyClass().method)).toEqual({ required: ["x"], optional: [] });
    expect(readArgnames(standalone.bind(new MyClass()))).toBeUndefined();
  });

  it("ignores a TypeScript `this` parameter, which is erased: the receiver is never a named argument", () => {
    // pluggy: test_varnames_unconventional_first_param_name
    // Python strips a bound method's first parameter whatever its name; a TypeScript `this`
    // parameter is erased at compile time, so a method's names never depend on how it is reached.
    class MyClass {
      method(this: MyClass, { x }: { x: unknown }): void {
        void x;
      }
    }
    expect(readArgnames(new MyClass().method)).toEqual({ required: ["x"], optional: [] });
    expect(readArgnames(MyClass.prototype.method)).toEqual({ required: ["x"], optional: [] });
  });

  it("reads a static method's names, reached through the class or an instance's constructor", () => {
    // pluggy: test_varnames_classmethod
    class MyClass {
      static cm({ x, y = 1 }: { x: unknown; y?: number }): void {
        void [x, y];
      }
    }
    expect(readArgnames(MyClass.cm)).toEqual({ required: ["x"], optional: ["y"] });
    expect(readArgnames((new MyClass().constructor as typeof MyClass).cm)).toEqual({ required: ["x"], optional: ["y"] });
  });

  it("reads the names of functions with no receiver: arrow functions, object methods, generators and async functions", () => {
    // pluggy: test_varnames_staticmethod
    const holder = {
      sm({ x, y = 1 }: { x: unknown; y?: number }): void {
        void [x, y];
      },
      arrow: ({ x, y = 1 }: { x: unknown; y?: number }): void => {
        void [x, y];
      },
      *gen({ x, y = 1 }: { x: unknown; y?: number }): Generator<void, void, unknown> {
        void [x, y];
        yield;
      },
      async asyncFn({ x, y = 1 }: { x: unknown; y?: number }): Promise<void> {
        await Promise.resolve([x, y]);
      },
      async *asyncGen({ x, y = 1 }: { x: unknown; y?: number }): AsyncGenerator<void, void, unknown> {
        void [x, y];
        yield;
      },
    };
    for (const fn of [holder.sm, holder.arrow, holder.gen, holder.asyncFn, holder.asyncGen]) {
      expect(readArgnames(fn)).toEqual({ required: ["x"], optional: ["y"] });
    }
  });

  it("reads a spec method's names the same from the class and from an instance", () => {
    // pluggy: test_varnames_hookspec_without_self
    // Python keeps or strips the first parameter depending on how the spec method is reached; a JS
    // method has no receiver parameter, so both ways give all the names.
    class MySpecs {
      @hookspec
      my_hook({ item, extra }: { item: unknown; extra: unknown }): void {
        void [item, extra];
      }
    }
    expect(readArgnames(MySpecs.prototype.my_hook)).toEqual({ required: ["item", "extra"], optional: [] });
    expect(readArgnames(new MySpecs().my_hook)).toEqual({ required: ["item", "extra"], optional: [] });

    const byClass = createManager().pm;
    byClass.addHookspecs(MySpecs);
    const byInstance = createManager().pm;
    byInstance.addHookspecs(new MySpecs());
    expect(hookOf(byClass, "my_hook").spec!.argnames).toEqual(["item", "extra"]);
    expect(hookOf(byInstance, "my_hook").spec!.argnames).toEqual(["item", "extra"]);
  });

  it("reads names whatever the type annotations say, since they are erased", () => {
    // pluggy: test_varnames_unresolvable_annotation
    function funcWithBadAnnotation(
      // @ts-expect-error -- the annotation names a type that does not exist, as in the pluggy test
      { x, y }: { x: NonExistentType; y: unknown },
    ): void {
      void [x, y];
    }
    expect(readArgnames(funcWithBadAnnotation)).toEqual({ required: ["x", "y"], optional: [] });
  });
});

describe("readArgnames: the destructuring pattern rules of API.md", () => {
  it("gives two empty lists for a function without parameters", () => {
    expect(readArgnames(() => undefined)).toEqual({ required: [], optional: [] });
    expect(readArgnames(function named() {})).toEqual({ required: [], optional: [] });
  });

  it("knows no names when the first parameter is not an object pattern, or has computed keys", () => {
    expect(readArgnames((args: unknown) => args)).toBeUndefined();
    expect(
      readArgnames(function plain(args: unknown) {
        return args;
      }),
    ).toBeUndefined();
    expect(readArgnames((...rest: unknown[]) => rest)).toBeUndefined();
    const key = "a";
    expect(readArgnames(({ [key]: value }: Record<string, unknown>) => value)).toBeUndefined();
  });

  it("knows no names for a native function", () => {
    expect(readArgnames(Math.max)).toBeUndefined();
  });

  it("reads renamed, quoted, nested and rest-accompanied keys by their property name", () => {
    const fn = ({
      a: renamed,
      "my-key": quoted,
      nested: { inner },
      ...rest
    }: Record<string, never> & { nested: { inner: unknown } }) => [renamed, quoted, inner, rest];
    expect(readArgnames(fn)).toEqual({ required: ["a", "my-key", "nested"], optional: [] });
  });

  it("tells defaults apart from nested patterns and from `=` inside default values", () => {
    const fn = ({
      cb = (value: number) => value * 2,
      text = "a, b = c",
      template = `x${String(1 + 2)}(`,
      pattern = /[)}{=]/g,
      renamed: alias = 1 >= 0,
      nested: { inner } = { inner: 1 },
      plain,
    }: {
      cb?: (value: number) => number;
      text?: string;
      template?: string;
      pattern?: RegExp;
      renamed?: boolean;
      nested?: { inner: number };
      plain: unknown;
    }) => [cb, text, template, pattern, alias, inner, plain];
    expect(readArgnames(fn)).toEqual({
      required: ["plain"],
      optional: ["cb", "text", "template", "pattern", "renamed", "nested"],
    });
  });

  it("ignores comments inside the parameter list", () => {
    function commented(/* ( */ { a /* , b */, c }: { a: unknown; c: unknown } /* ) */): void {
      // { d }
      void [a, c];
    }
    expect(readArgnames(commented)).toEqual({ required: ["a", "c"], optional: [] });
  });

  it("reads non-ASCII keys, also when a compiler wrote them as unicode escapes", () => {
    // Bundlers such as esbuild (its default `charset: "ascii"`, used by tsx) write `ä` as `\u00E4`;
    // the names are the same identifiers, and pluggy reads any identifier.
    expect(readArgnames(({ ä, b }: { ä: unknown; b: unknown }) => [ä, b])).toEqual({ required: ["ä", "b"], optional: [] });
    const escaped = new Function("{ \\u00E4, b }", "return b;");
    expect(Function.prototype.toString.call(escaped)).toContain("\\u00E4");
    expect(readArgnames(escaped)).toEqual({ required: ["ä", "b"], optional: [] });
  });
});

describe("argument names in registration and calls (API.md)", () => {
  it("takes an implementation's names from the argnames option over its pattern", () => {
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b }: { a: unknown; b: unknown }) => [a, b]) });
    pm.register({ h: hookimpl({ argnames: ["b"] })(({ zz }: { zz?: unknown }) => zz ?? "no zz") }, "p");
    const [impl] = hookOf(pm, "h").getHookimpls();
    expect(impl!.argnames).toEqual(["b"]);
    expect(hookOf(pm, "h")({ a: 1, b: 2 })).toEqual(["no zz"]);
    expect(errorOf(() => hookOf(pm, "h")({ a: 1 }))).toBeInstanceOf(HookCallError);
  });

  it("rejects an implementation whose argnames option names an argument the spec lacks", () => {
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(({ a }: { a: unknown }) => a) });
    const error = errorOf(() => pm.register({ h: hookimpl({ argnames: ["a", "zz"] })((args: unknown) => args) }, "p"));
    expect(error).toBeInstanceOf(PluginValidationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC" });
    expect(error.message).toContain('Argument(s) ["zz"] are declared in the hookimpl but can not be found in the hookspec');
  });

  it("takes a spec's names from the argnames option, and warns about the missing ones", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec({ argnames: ["a", "b"] })((args: unknown) => args) });
    expect(hookOf(pm, "h").spec!.argnames).toEqual(["a", "b"]);
    hookOf(pm, "h")({ a: 1 });
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as HookArgumentsWarning).missing).toEqual(["b"]);
  });

  it("skips the checks for an implementation whose names are unknown", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec(({ a }: { a: unknown }) => a) });
    const impl = (args: Record<string, unknown>) => args["zz"] ?? "called";
    pm.register({ h: hookimpl(impl) }, "p");
    expect(hookOf(pm, "h").getHookimpls()[0]!.argnames).toBeUndefined();
    expect(hookOf(pm, "h")({ a: 1 })).toEqual(["called"]);
    expect(warnings).toEqual([]);
  });

  it("skips the checks for a spec whose names are unknown: no missing-argument warning, any implementation names", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec((args: { a: number }) => args.a) });
    expect(hookOf(pm, "h").spec!.argnames).toBeUndefined();
    pm.register({ h: hookimpl(({ zz = "default" }: { zz?: string }) => zz) }, "p");
    expect(hookOf(pm, "h")({})).toEqual(["default"]);
    expect(warnings).toEqual([]);
  });

  it("never requires an implementation's optional keys in a call", () => {
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b = 0 }: { a: number; b?: number }) => a + b) });
    pm.register({ h: hookimpl(({ a, b = 10 }: { a: number; b?: number }) => a + b) }, "p");
    const [impl] = hookOf(pm, "h").getHookimpls();
    expect(impl!.argnames).toEqual(["a"]);
    expect(impl!.kwargnames).toEqual(["b"]);
    expect(hookOf(pm, "h")({ a: 1 })).toEqual([11]);
    expect(hookOf(pm, "h")({ a: 1, b: 2 })).toEqual([3]);
  });

  it("rejects an implementation that requires an argument the spec declares optional, as pluggy does", () => {
    // pluggy checks `set(impl.argnames) - set(spec.argnames)` with the spec's defaulted parameters
    // left out of spec.argnames (pluggy-semantics.md §3.6, verified), because a valid call may omit
    // such an argument and the implementation would then fail with HookCallError.
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b = 0 }: { a: number; b?: number }) => a + b) });
    const needsB = { h: hookimpl(({ b }: { b: number }) => b) };
    const error = errorOf(() => pm.register(needsB, "needs-b"));
    expect(error).toBeInstanceOf(PluginValidationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC" });
    expect(error.message).toContain('Argument(s) ["b"] are declared in the hookimpl but can not be found in the hookspec');
  });

  it("accepts an implementation's optional keys whatever the spec says, as pluggy leaves kwargnames unchecked", () => {
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(({ a }: { a: number }) => a) });
    pm.register({ h: hookimpl(({ a, zz = 1 }: { a: number; zz?: number }) => a + zz) }, "p");
    expect(hookOf(pm, "h")({ a: 1 })).toEqual([2]);
  });

  it("does not warn about a spec's optional keys missing from a call", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b = 0 }: { a: number; b?: number }) => a + b) });
    expect(hookOf(pm, "h").spec!.argnames).toEqual(["a"]);
    expect(hookOf(pm, "h").spec!.kwargnames).toEqual(["b"]);
    hookOf(pm, "h")({ a: 1 });
    expect(warnings).toEqual([]);
  });
});
