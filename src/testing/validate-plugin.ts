import { TestHarnessError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import { PluginManager } from "../core/plugin-manager.ts";
import type { HookimplOptions, HookimplOpts } from "../core/types.ts";

/**
 * One problem `validatePlugin` found: what `register` (or `checkPending` after it) would throw.
 *
 * @example
 * ```ts
 * import { validatePlugin, type PluginProblem } from "hooksmith/testing";
 *
 * const explain = ({ code, member, message }: PluginProblem) => `${member ?? "(plugin)"}: ${code}\n${message}`;
 * console.log(validatePlugin(Specs, plugin).map(explain).join("\n\n"));
 * ```
 */
export interface PluginProblem {
  /** The stable code of the error, e.g. `HOOKSMITH_UNKNOWN_HOOK`. */
  readonly code: string;
  /** The plugin member at fault; `undefined` for a problem of the plugin as a whole. */
  readonly member: string | undefined;
  /** The hook the member implements (its `specname`, or its own name), when known. */
  readonly hookName: string | undefined;
  /** The error's message. */
  readonly message: string;
  /** The error itself: the one the manager throws for this problem (same class, code, message). */
  readonly error: Error;
}

/**
 * Options of {@link validatePlugin}.
 *
 * @example
 * ```ts
 * import type { ValidatePluginOptions } from "hooksmith/testing";
 *
 * const options: ValidatePluginOptions = { name: "nebari-stage-hello-world", projectName: "nebari" };
 * ```
 */
export interface ValidatePluginOptions {
  /** The name the plugin would be registered under (it appears in messages); default its canonical name. */
  readonly name?: string;
  /** The project of the markers; default: read from the specs' marks. */
  readonly projectName?: string;
  /** Receives the warnings registration would emit (`warnOnImpl`, `warnOnImplArgs`), each once. */
  readonly warn?: (warning: Error) => void;
}

const wrapperCodes = new Set([
  "HOOKSMITH_HISTORIC_WRAPPER",
  "HOOKSMITH_ARGUMENT_NOT_IN_SPEC",
  "HOOKSMITH_WRAPPER_NOT_GENERATOR",
  "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS",
]);

/**
 * Lists every problem that registering `plugin` on a manager with `specs`, then calling
 * `checkPending()`, would raise, instead of only the first one, without registering it on any
 * manager of yours.
 *
 * The checks are the manager's own: each marked member is registered alone on a throwaway
 * manager holding the specs, then `checkPending()` runs, so every problem is exactly the error
 * the manager throws (same class, code and message): an unknown hook, an argument the spec
 * lacks, a wrapper that is not a generator function, `wrapper` with `hookwrapper`, a wrapper of
 * a historic hook, invalid mark options, a marked member that is not a function, a member whose
 * read throws, a class without static hooks. When one member has several problems, the ones
 * registration would raise after fixing the first are listed too (`checkPending` is only
 * reached by a member that registers).
 *
 * An empty list means `register` + `checkPending` succeed.
 *
 * @param specs - The spec namespace(s) of the host: a class, an object or a module namespace,
 *   or a list of them (e.g. `NebariHookspecs`).
 * @param plugin - The plugin: a module namespace, an object, a class instance or a class.
 * @param options - `name`, `projectName` (default: read from the specs' marks), `warn`.
 * @returns The problems, by member in the order `register` scans them (sorted names).
 * @throws {TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` when the specs carry no mark,
 *   or marks of several projects without `projectName`.
 * @throws {@link hooksmith!HookspecError} when the specs themselves are invalid.
 * @example
 * ```ts
 * import { validatePlugin } from "hooksmith/testing";
 * import { NebariHookspecs } from "hooksmith/nebari";
 * import * as plugin from "./index.ts";
 *
 * const problems = validatePlugin(NebariHookspecs, plugin, { name: "my-plugin" });
 * for (const problem of problems) console.error(`${problem.code} (${problem.member}): ${problem.message}`);
 * ```
 */
export function validatePlugin(
  specs: object | readonly object[],
  plugin: object,
  options: ValidatePluginOptions = {},
): PluginProblem[] {
  const given = specNamespaces(specs);
  const projectsOf = given.map(projectsMarkedIn);
  const projectName = options.projectName ?? onlyProject(projectsOf);
  // With several projects' specs, those of the chosen project are the host's.
  const namespaces = given.filter((_namespace, index) => projectsOf[index]!.has(projectName));
  if (namespaces.length === 0) {
    throw new TestHarnessError(
      `validatePlugin found no hook specification of project ${JSON.stringify(projectName)} in the specs it was given`,
      "HOOKSMITH_INVALID_HARNESS_INPUT",
    );
  }
  const warnings = new Set<Error>();
  const warn = (warning: Error): void => {
    warnings.add(warning);
  };
  const problems: PluginProblem[] = [];
  const seen = new Set<string>();
  const add = (error: unknown, member: string | undefined, hookName: string | undefined): void => {
    const problem = toProblem(error, member, hookName);
    const key = `${problem.code}\u0000${problem.member ?? ""}\u0000${problem.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
  const scratch = (withSpecs: boolean): PluginManager => {
    const pm = new PluginManager(projectName, { warn });
    if (withSpecs) for (const namespace of namespaces) pm.addHookspecs(namespace);
    return pm;
  };
  const name = options.name;

  // The plugin as a whole: a value that is not a plugin, or a name that is not one, stops
  // registration before any member is read.
  if (
    (typeof plugin !== "object" && typeof plugin !== "function") ||
    plugin === null ||
    (name !== undefined && typeof name !== "string")
  ) {
    const error = probe(scratch(true), plugin, name, undefined);
    if (error !== undefined) add(error, undefined, undefined);
    return problems;
  }

  let marked = 0;
  for (const member of memberNamesOf(scratch(false), plugin, name)) {
    const reader = scratch(false);
    let opts: HookimplOptions | HookimplOpts | undefined;
    let readable = true;
    try {
      opts = reader.parseHookimplOpts(plugin, member) ?? undefined;
    } catch {
      readable = false;
    }
    if (readable && opts === undefined) continue;
    marked++;
    const hookName = typeof opts?.specname === "string" && opts.specname !== "" ? opts.specname : member;
    const first = probe(scratch(true), plugin, name, member);
    if (first === undefined) continue;
    add(first, member, hookName);
    // The problems registration raises after the first one is fixed: without the wrapper flags
    // (spec arguments, unknown hook), and without the specs (the wrapper's shape).
    if (!readable || opts === undefined || !isWrapper(opts) || !wrapperCodes.has(codeOf(first))) continue;
    const unwrapped = probe(scratch(true), plugin, name, member, { ...opts, wrapper: false, hookwrapper: false });
    if (unwrapped !== undefined) add(unwrapped, member, hookName);
    const shape = probe(scratch(false), plugin, name, member, undefined, false);
    if (shape !== undefined) add(shape, member, hookName);
  }
  if (typeof plugin === "function" && marked === 0) {
    const error = probe(scratch(true), plugin, name, undefined);
    if (error !== undefined) add(error, undefined, undefined);
  }
  for (const warning of warnings) options.warn?.(warning);
  return problems;
}

/**
 * Registers the plugin on a throwaway manager, optionally with only one member visible (and
 * optionally with replaced options for it), then runs `checkPending`.
 *
 * @param pm - The throwaway manager.
 * @param plugin - The plugin.
 * @param name - The registration name.
 * @param member - The only member to see, or `undefined` for all.
 * @param replaced - Options to use for `member` instead of its own.
 * @param checkPending - Whether to run `checkPending` after a successful registration.
 * @returns The error thrown, or `undefined`.
 */
function probe(
  pm: PluginManager,
  plugin: unknown,
  name: unknown,
  member: string | undefined,
  replaced?: HookimplOptions,
  checkPending = true,
): unknown {
  if (member !== undefined) {
    const read = pm.parseHookimplOpts.bind(pm);
    pm.parseHookimplOpts = (target, candidate) => {
      if (candidate !== member) return undefined;
      return replaced ?? read(target, candidate);
    };
  }
  try {
    pm.register(plugin as object, name as string | undefined);
    if (checkPending) pm.checkPending();
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * The members `register` scans, in its order, as the manager itself enumerates them.
 *
 * @param pm - A throwaway manager.
 * @param plugin - The plugin.
 * @param name - The registration name.
 * @returns The member names.
 */
function memberNamesOf(pm: PluginManager, plugin: object, name: string | undefined): string[] {
  const members: string[] = [];
  pm.parseHookimplOpts = (_target, member) => {
    members.push(member);
    return undefined;
  };
  try {
    pm.register(plugin, name);
  } catch {
    // A class without static hooks is refused once every member was read: reported later.
  }
  return members;
}

/**
 * @param specs - One namespace or a list.
 * @returns The list.
 */
function specNamespaces(specs: object | readonly object[]): readonly object[] {
  const list = Array.isArray(specs) ? (specs as readonly unknown[]) : [specs];
  for (const namespace of list) {
    if ((typeof namespace !== "object" && typeof namespace !== "function") || namespace === null) {
      throw new TestHarnessError(
        `validatePlugin needs the host's spec namespace(s) (a class, an object or a module namespace), got ${describeValue(namespace)}`,
        "HOOKSMITH_INVALID_HARNESS_INPUT",
      );
    }
  }
  return list as readonly object[];
}

/**
 * Reads the projects whose hookspec marks the members of a spec namespace carry (a mark is
 * stored under `Symbol.for("<project>.hookspec")`), enumerating the members as the manager does.
 *
 * @param namespace - A spec namespace.
 * @returns The projects.
 */
function projectsMarkedIn(namespace: object): Set<string> {
  const projects = new Set<string>();
  const probeManager = new PluginManager("hooksmith-testing-probe", { warn: () => undefined });
  probeManager.parseHookspecOpts = (target, member) => {
    for (const project of markedProjects(specFunction(target, member))) projects.add(project);
    return undefined;
  };
  try {
    probeManager.addHookspecs(namespace);
  } catch {
    // No spec of the probe project, by construction.
  }
  return projects;
}

/**
 * @param projectsOf - The projects marked in each namespace.
 * @returns The only project found.
 * @throws {TestHarnessError} When there is none, or several.
 */
function onlyProject(projectsOf: readonly ReadonlySet<string>[]): string {
  const projects = new Set(projectsOf.flatMap((set) => [...set]));
  if (projects.size === 1) return [...projects][0]!;
  throw new TestHarnessError(
    projects.size === 0
      ? "validatePlugin found no hook specification in the specs it was given: pass the host's spec namespace (e.g. NebariHookspecs)"
      : `validatePlugin found hook specifications of several projects (${[...projects].sort().join(", ")}): pass projectName`,
    "HOOKSMITH_INVALID_HARNESS_INPUT",
  );
}

/**
 * @param namespace - A spec namespace.
 * @param member - One of its member names.
 * @returns The member, from a class's prototype when it is not static.
 */
function specFunction(namespace: object, member: string): unknown {
  const own = (namespace as Record<string, unknown>)[member];
  if (own !== undefined || typeof namespace !== "function") return own;
  return (namespace.prototype as Record<string, unknown> | undefined)?.[member];
}

/**
 * @param fn - A member of a spec namespace.
 * @returns The projects whose hookspec mark it carries.
 */
function markedProjects(fn: unknown): string[] {
  if (typeof fn !== "function") return [];
  const projects: string[] = [];
  for (const symbol of Object.getOwnPropertySymbols(fn)) {
    const match = /^(.+)\.hookspec$/.exec(Symbol.keyFor(symbol) ?? "");
    if (match !== null) projects.push(match[1]!);
  }
  return projects;
}

/**
 * @param opts - Hookimpl options.
 * @returns Whether they declare a wrapper.
 */
function isWrapper(opts: HookimplOptions | HookimplOpts): boolean {
  return opts.wrapper === true || opts.hookwrapper === true;
}

/**
 * @param error - Anything thrown.
 * @returns Its `code`, or `""`.
 */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/**
 * @param error - What a probe threw.
 * @param member - The member probed.
 * @param hookName - Its hook.
 * @returns The problem.
 */
function toProblem(error: unknown, member: string | undefined, hookName: string | undefined): PluginProblem {
  const fromError = (error as { hookName?: unknown } | null)?.hookName;
  const wrapped = error instanceof Error ? error : new Error(String(error));
  return Object.freeze({
    code: codeOf(error) || wrapped.name,
    member,
    hookName: typeof fromError === "string" ? fromError : hookName,
    message: wrapped.message,
    error: wrapped,
  });
}
