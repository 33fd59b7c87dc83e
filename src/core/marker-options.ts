// Validation and normalisation of marker options, shared by both markers and by the manager.

import { describeValue } from "./describe.ts";
import { HookMarkerError } from "./errors.ts";
import { HookspecError } from "./errors.ts";
import type { HookimplOpts, HookspecOpts } from "./types.ts";

const normalizedOpts = new WeakSet<object>();

const implBooleans = ["wrapper", "hookwrapper", "optionalhook", "tryfirst", "trylast"] as const;
const implKeys: readonly string[] = [...implBooleans, "specname", "argnames"];
const specKeys: readonly string[] = ["firstresult", "historic", "warnOnImpl", "warnOnImplArgs", "argnames"];

/** The symbol under which a marker of `projectName` stores its options on a function. */
export function markKey(projectName: string, kind: "impl" | "spec"): symbol {
  return Symbol.for(`${projectName}.hook${kind}`);
}

/**
 * Checks hookimpl options given by a user (or returned by a `parseHookimplOpts` override) and
 * returns them with every key present, frozen.
 */
export function normalizeHookimplOpts(options: unknown, where: string): HookimplOpts {
  const record = checkRecord(options, "hookimpl", implKeys, where);
  for (const key of implBooleans) checkBoolean(record, key, "hookimpl", where);
  const specname = record["specname"];
  if (specname !== undefined && (typeof specname !== "string" || specname === "")) {
    throw invalid("hookimpl", "specname", `must be a non-empty string, got ${describeValue(specname)}`, where);
  }
  const argnames = checkArgnames(record, "hookimpl", where);
  if (record["tryfirst"] === true && record["trylast"] === true) {
    throw new HookMarkerError(`Conflicting hookimpl options${where}: 'tryfirst' and 'trylast' cannot both be true; choose one`, {
      code: "HOOKSMITH_CONFLICTING_MARKER_OPTIONS",
      option: "tryfirst",
    });
  }
  return remember({
    wrapper: record["wrapper"] === true,
    hookwrapper: record["hookwrapper"] === true,
    optionalhook: record["optionalhook"] === true,
    tryfirst: record["tryfirst"] === true,
    trylast: record["trylast"] === true,
    specname: specname as string | undefined,
    argnames,
  });
}

/** Checks hookspec options and returns them with every key present, frozen. */
export function normalizeHookspecOpts(options: unknown, where: string): HookspecOpts {
  const record = checkRecord(options, "hookspec", specKeys, where);
  checkBoolean(record, "firstresult", "hookspec", where);
  checkBoolean(record, "historic", "hookspec", where);
  const warnOnImpl = record["warnOnImpl"];
  if (warnOnImpl !== undefined && !(warnOnImpl instanceof Error)) {
    throw invalid("hookspec", "warnOnImpl", `must be an Error (a warning) instance, got ${describeValue(warnOnImpl)}`, where);
  }
  const warnOnImplArgs = record["warnOnImplArgs"];
  if (warnOnImplArgs !== undefined) {
    if (typeof warnOnImplArgs !== "object" || warnOnImplArgs === null || Array.isArray(warnOnImplArgs)) {
      throw invalid(
        "hookspec",
        "warnOnImplArgs",
        `must be an object of argument name to Error, got ${describeValue(warnOnImplArgs)}`,
        where,
      );
    }
    for (const [argument, warning] of Object.entries(warnOnImplArgs)) {
      if (!(warning instanceof Error)) {
        throw invalid(
          "hookspec",
          "warnOnImplArgs",
          `entry '${argument}' must be an Error instance, got ${describeValue(warning)}`,
          where,
        );
      }
    }
  }
  return remember({
    firstresult: record["firstresult"] === true,
    historic: record["historic"] === true,
    warnOnImpl: warnOnImpl as Error | undefined,
    warnOnImplArgs: warnOnImplArgs as Readonly<Record<string, Error>> | undefined,
    argnames: checkArgnames(record, "hookspec", where),
  });
}

/** Returns options that are already normalised as they are, and normalises the others. */
/** Whether options come from a marker (or normalisation) already: they need no checking. */
export function isNormalizedOpts(options: unknown): options is HookimplOpts {
  return typeof options === "object" && options !== null && normalizedOpts.has(options);
}

/** Returns options that are already normalised as they are, and normalises the others. */
export function ensureHookspecOpts(options: unknown, where: string): HookspecOpts {
  return typeof options === "object" && options !== null && normalizedOpts.has(options)
    ? (options as HookspecOpts)
    : normalizeHookspecOpts(options, where);
}

function remember<T extends object>(options: T): T {
  const frozen = Object.freeze(options);
  normalizedOpts.add(frozen);
  return frozen;
}

/** The default options of `hookimpl(fn)`. */
export const defaultHookimplOpts: HookimplOpts = normalizeHookimplOpts({}, "");
/** The default options of `hookspec(fn)`. */
export const defaultHookspecOpts: HookspecOpts = normalizeHookspecOpts({}, "");

function checkRecord(options: unknown, kind: string, known: readonly string[], where: string): Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new HookMarkerError(`${kind} options${where} must be an object, got ${describeValue(options)}`, {
      code: "HOOKSMITH_INVALID_MARKER_OPTION",
    });
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const normalized = key.replace(/_/g, "").toLowerCase();
    const suggestion = known.find((candidate) => candidate.toLowerCase() === normalized);
    throw new HookMarkerError(
      `Unknown ${kind} option '${key}'${where}${suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`}; known options: ${known.join(", ")}`,
      { code: "HOOKSMITH_INVALID_MARKER_OPTION", option: key },
    );
  }
  return record;
}

function checkBoolean(record: Record<string, unknown>, key: string, kind: string, where: string): void {
  const value = record[key];
  if (value !== undefined && typeof value !== "boolean") {
    throw invalid(kind, key, `must be a boolean, got ${describeValue(value)}`, where);
  }
}

function checkArgnames(record: Record<string, unknown>, kind: string, where: string): readonly string[] | undefined {
  const value = record["argnames"];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((name) => typeof name === "string" && name !== "")) {
    throw invalid(kind, "argnames", `must be an array of non-empty strings, got ${describeValue(value)}`, where);
  }
  return Object.freeze([...(value as string[])]);
}

function invalid(kind: string, option: string, problem: string, where: string): HookMarkerError {
  return new HookMarkerError(`Invalid ${kind} option '${option}'${where}: ${problem}`, {
    code: "HOOKSMITH_INVALID_MARKER_OPTION",
    option,
  });
}

/** Thrown when `historic` and `firstresult` are combined (pluggy's message). */
export function historicFirstresultError(hookName: string | undefined): HookspecError {
  return new HookspecError("cannot have a historic firstresult hook", {
    code: "HOOKSMITH_HISTORIC_FIRSTRESULT",
    hookName,
  });
}
