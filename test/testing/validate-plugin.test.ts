import { describe, expect, it } from "vitest";
import {
  HookimplMarker,
  HookMarkerError,
  HookspecMarker,
  PluginManager,
  PluginRegistrationError,
  PluginValidationError,
} from "hooksmith";
import { hookimpl as nebariHookimpl, NebariHookspecs } from "hooksmith/nebari";
import { TestHarnessError, validatePlugin, type PluginProblem } from "hooksmith/testing";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

const deprecated = new Error("greetOld is deprecated");
const specs = {
  greet: hookspec(({ name }: { name: string }): string => name),
  configure: hookspec({ historic: true })(({ value }: { value: number }): number => value),
  greetOld: hookspec({ warnOnImpl: deprecated })((): string => ""),
};

/** What registering the plugin on a real manager, then checkPending, throws. */
function registrationError(plugin: unknown, name?: string): unknown {
  const pm = new PluginManager("example", { warn: () => {} });
  pm.addHookspecs(specs);
  try {
    pm.register(plugin as object, name);
    pm.checkPending();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The problem list agrees with the error registration throws first. */
function expectAgreement(problems: readonly PluginProblem[], plugin: unknown, name?: string): void {
  const error = registrationError(plugin, name) as Error & { code: string };
  expect(error).toBeDefined();
  const [first] = problems;
  expect(first).toBeDefined();
  expect(first!.error.constructor).toBe(error.constructor);
  expect(first!.error.message).toBe(error.message);
  expect(first!.code).toBe(error.code);
  expect(first!.message).toBe(error.message);
}

/** A raw mark, as a marker of another copy of hooksmith (or a hand-written one) could leave it. */
function marked<F extends Function>(fn: F, options: unknown): F {
  (fn as unknown as Record<symbol, unknown>)[Symbol.for("example.hookimpl")] = options;
  return fn;
}

describe("validatePlugin", () => {
  it("finds nothing wrong with a valid plugin, which register and checkPending accept", () => {
    const plugin = {
      greet: hookimpl(({ name }: { name: string }) => `hi ${name}`),
      configure: hookimpl(({ value }: { value: number }) => value),
      optional: hookimpl({ optionalhook: true })(() => 1),
      _private: hookimpl(() => 1),
      helper: () => "not a hook",
    };
    expect(validatePlugin(specs, plugin)).toEqual([]);
    expect(registrationError(plugin)).toBeUndefined();
  });

  it.each([
    ["an unknown hook", { greeet: hookimpl(() => "typo") }, "HOOKSMITH_UNKNOWN_HOOK", PluginValidationError],
    [
      "an unknown specname",
      { hello: hookimpl({ specname: "greeet" })(() => "typo") },
      "HOOKSMITH_UNKNOWN_HOOK",
      PluginValidationError,
    ],
    [
      "an argument not in the spec",
      { greet: hookimpl(({ nmae }: { nmae: string }) => nmae) },
      "HOOKSMITH_ARGUMENT_NOT_IN_SPEC",
      PluginValidationError,
    ],
    [
      "a wrapper that is not a generator",
      { greet: hookimpl({ wrapper: true })(() => "x") },
      "HOOKSMITH_WRAPPER_NOT_GENERATOR",
      PluginValidationError,
    ],
    [
      "an old-style wrapper that is not a generator",
      { greet: hookimpl({ hookwrapper: true })(() => "x") },
      "HOOKSMITH_WRAPPER_NOT_GENERATOR",
      PluginValidationError,
    ],
    [
      "conflicting wrapper flags",
      {
        greet: hookimpl({ wrapper: true, hookwrapper: true })(function* () {
          yield;
        }),
      },
      "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS",
      PluginValidationError,
    ],
    [
      "a wrapper of a historic hook",
      {
        configure: hookimpl({ wrapper: true })(function* () {
          yield;
        }),
      },
      "HOOKSMITH_HISTORIC_WRAPPER",
      PluginValidationError,
    ],
    [
      "conflicting ordering options",
      { greet: marked(() => "x", { tryfirst: true, trylast: true }) },
      "HOOKSMITH_CONFLICTING_MARKER_OPTIONS",
      HookMarkerError,
    ],
    ["an unknown option", { greet: marked(() => "x", { tryFirst: true }) }, "HOOKSMITH_INVALID_MARKER_OPTION", HookMarkerError],
    ["a mistyped option", { greet: marked(() => "x", { wrapper: "yes" }) }, "HOOKSMITH_INVALID_MARKER_OPTION", HookMarkerError],
    [
      "a member whose read throws",
      new Proxy(
        { greet: hookimpl(() => "x") },
        {
          get(target, key, receiver) {
            if (key === "greet") throw new Error("not initialised yet");
            return Reflect.get(target, key, receiver) as unknown;
          },
        },
      ),
      "HOOKSMITH_INVALID_PLUGIN",
      PluginRegistrationError,
    ],
    [
      "a class without static hooks",
      class Plugin {
        greet(): string {
          return "an instance method";
        }
      },
      "HOOKSMITH_PLUGIN_WITHOUT_HOOKS",
      PluginRegistrationError,
    ],
    ["a value that is not a plugin", 42, "HOOKSMITH_INVALID_PLUGIN", PluginRegistrationError],
  ])("reports %s as register + checkPending would", (_label, plugin, code, errorClass) => {
    const problems = validatePlugin(specs, plugin as object, { name: "plugin-under-test" });
    expect(problems.map((problem) => problem.code)).toEqual([code]);
    expect(problems[0]!.error).toBeInstanceOf(errorClass);
    expectAgreement(problems, plugin, "plugin-under-test");
  });

  it("names the member and the hook of each problem", () => {
    const problems = validatePlugin(
      specs,
      {
        hello: hookimpl({ specname: "greeet" })(() => "typo"),
        greet: hookimpl(({ nmae }: { nmae: string }) => nmae),
      },
      { name: "p" },
    );
    expect(problems.map(({ member, hookName, code }) => [member, hookName, code])).toEqual([
      ["greet", "greet", "HOOKSMITH_ARGUMENT_NOT_IN_SPEC"],
      ["hello", "greeet", "HOOKSMITH_UNKNOWN_HOOK"],
    ]);
  });

  it("lists the problems of every member, in the order register scans them", () => {
    const plugin = {
      zeta: hookimpl(() => "unknown"),
      greet: hookimpl({ wrapper: true })(() => "not a generator"),
      alpha: marked(() => "x", { tryfirst: true, trylast: true }),
      configure: hookimpl(({ nope }: { nope: number }) => nope),
    };
    const problems = validatePlugin(specs, plugin, { name: "p" });
    expect(problems.map(({ member, code }) => [member, code])).toEqual([
      ["alpha", "HOOKSMITH_CONFLICTING_MARKER_OPTIONS"],
      ["configure", "HOOKSMITH_ARGUMENT_NOT_IN_SPEC"],
      ["greet", "HOOKSMITH_WRAPPER_NOT_GENERATOR"],
      ["zeta", "HOOKSMITH_UNKNOWN_HOOK"],
    ]);
    expectAgreement(problems, plugin, "p");
  });

  it("lists every problem of one member, as registration would raise them one fix after another", () => {
    const make = (options: object) =>
      hookimpl(options)(function configureImpl({ nope }: { nope: number }) {
        return nope;
      });
    const problems = validatePlugin(specs, { configure: make({ wrapper: true }) }, { name: "p" });
    expect(problems.map(({ code }) => code)).toEqual([
      "HOOKSMITH_HISTORIC_WRAPPER",
      "HOOKSMITH_ARGUMENT_NOT_IN_SPEC",
      "HOOKSMITH_WRAPPER_NOT_GENERATOR",
    ]);
    // Without the wrapper flag, registration raises the second problem, word for word.
    expect((registrationError({ configure: make({}) }, "p") as Error).message).toBe(problems[1]!.message);
  });

  it("lists an unknown hook behind a wrapper problem", () => {
    const problems = validatePlugin(specs, { greeet: hookimpl({ wrapper: true })(() => "x") }, { name: "p" });
    expect(problems.map(({ code }) => code)).toEqual(["HOOKSMITH_WRAPPER_NOT_GENERATOR", "HOOKSMITH_UNKNOWN_HOOK"]);
    expect((registrationError({ greeet: hookimpl(() => "x") }, "p") as Error).message).toBe(problems[1]!.message);
  });

  it("runs no implementation and registers the plugin nowhere", () => {
    let calls = 0;
    const plugin = {
      configure: hookimpl(() => {
        calls++;
        return 1;
      }),
    };
    const pm = new PluginManager("example");
    pm.addHookspecs(specs);
    pm.hook["configure"]!.callHistoric({ kwargs: { value: 1 } });
    expect(validatePlugin(specs, plugin)).toEqual([]);
    expect(calls).toBe(0);
    expect(pm.isRegistered(plugin)).toBe(false);
  });

  it("gives each registration warning once", () => {
    const warnings: Error[] = [];
    const problems = validatePlugin(
      specs,
      { greetOld: hookimpl({ wrapper: true })(() => "x") },
      { warn: (warning) => warnings.push(warning) },
    );
    expect(problems.map(({ code }) => code)).toEqual(["HOOKSMITH_WRAPPER_NOT_GENERATOR"]);
    expect(warnings).toEqual([deprecated]);
  });

  it("reads the project from the specs' marks, e.g. the nebari preset's", () => {
    expect(validatePlugin(NebariHookspecs, { nebari_stage: nebariHookimpl(() => []) })).toEqual([]);
    const problems = validatePlugin(NebariHookspecs, { nebari_stages: nebariHookimpl(() => []) }, { name: "typo" });
    expect(problems.map(({ code, hookName }) => [code, hookName])).toEqual([["HOOKSMITH_UNKNOWN_HOOK", "nebari_stages"]]);
    // A mark of another project is not an implementation.
    expect(validatePlugin(NebariHookspecs, { nebari_stages: hookimpl(() => []) })).toEqual([]);
  });

  it("takes a list of spec namespaces", () => {
    const more = { farewell: hookspec(() => "") };
    expect(validatePlugin([specs, more], { farewell: hookimpl(() => "bye") })).toEqual([]);
    expect(validatePlugin(specs, { farewell: hookimpl(() => "bye") }).map(({ code }) => code)).toEqual([
      "HOOKSMITH_UNKNOWN_HOOK",
    ]);
  });

  it("needs specs with marks of one project, or projectName", () => {
    expect(() => validatePlugin({ greet: () => "" }, {})).toThrow(TestHarnessError);
    expect(() => validatePlugin({ greet: () => "" }, {})).toThrow("found no hook specification");
    const mixed = [specs, NebariHookspecs];
    expect(() => validatePlugin(mixed, {})).toThrow("several projects (example, nebari)");
    expect(validatePlugin(mixed, { nebari_stage: nebariHookimpl(() => []) }, { projectName: "nebari" })).toEqual([]);
    expect(() => validatePlugin(specs, {}, { projectName: "other" })).toThrow('no hook specification of project "other"');
    expect(() => validatePlugin(3 as never, {})).toThrow(TestHarnessError);
  });
});
