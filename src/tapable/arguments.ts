// tapable passes positional arguments; hooksmith passes one arguments object. The hook's declared
// argument names (`new SyncHook(["compilation", "params"])`) map one onto the other.

import { TapableBridgeError } from "./errors.ts";
import type { HookSpec } from "../core/hook-spec.ts";
import { describeValue } from "../core/describe.ts";

/** What a call made through a tapable view tells the taps it runs: the view's interceptors. */
export interface ViewCallContext {
  /** The interceptors of the view being called, as they were when the call started. */
  readonly interceptors: readonly object[];
}

// Carried by the arguments object of a call made through a view, non-enumerable so that
// implementations, tracing and monitors never see it.
const callContextKey: unique symbol = Symbol("hooksmith.tapable.call");

/** Builds the arguments object of a hooksmith call from tapable's positional arguments. */
export function toArgsObject(
  names: readonly string[],
  positional: ArrayLike<unknown>,
  context?: ViewCallContext,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) args[names[i]!] = positional[i];
  if (context !== undefined) Object.defineProperty(args, callContextKey, { value: context });
  return args;
}

/** A copy of an arguments object with one value replaced, keeping the call context. */
export function withArg(args: object, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...args, [name]: value };
  const context = callContextOf(args);
  if (context !== undefined) Object.defineProperty(copy, callContextKey, { value: context });
  return copy;
}

/** The positional arguments a tap receives, read from the arguments object by name. */
export function toPositional(names: readonly string[], args: object): unknown[] {
  const record = args as Record<string, unknown>;
  return names.map((name) => record[name]);
}

/** The call context of a call made through a view, or `undefined` for any other call. */
export function callContextOf(args: object): ViewCallContext | undefined {
  return (args as { [callContextKey]?: ViewCallContext })[callContextKey];
}

/** Checks a list of argument names: non-empty strings, no duplicates. */
export function checkArgNames(names: unknown, hookName: string, where: string, tapName?: string): readonly string[] {
  if (!Array.isArray(names) || !names.every((name) => typeof name === "string" && name !== "")) {
    throw new TapableBridgeError(
      `${where} for hook '${hookName}': args must be an array of non-empty strings, got ${describeValue(names)}`,
      {
        code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES",
        hookName,
        tapName,
      },
    );
  }
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new TapableBridgeError(`${where} for hook '${hookName}': argument name '${String(duplicate)}' appears twice in args`, {
      code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES",
      hookName,
      tapName,
    });
  }
  return Object.freeze([...(names as string[])]);
}

/**
 * Checks that positional names fit a hook's spec: every name is one of the spec's, and every
 * argument the spec requires has a position (or every call would miss it).
 */
export function checkAgainstSpec(
  names: readonly string[],
  spec: HookSpec | undefined,
  hookName: string,
  where: string,
  tapName?: string,
): void {
  if (spec?.argnames === undefined) return;
  const known = [...spec.argnames, ...(spec.kwargnames ?? [])];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new TapableBridgeError(
      `${where} for hook '${hookName}': argument(s) ${quote(unknown)} are not in the hook's spec, which takes ${quote(known)}`,
      { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName, tapName },
    );
  }
  const missing = spec.argnames.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new TapableBridgeError(
      `${where} for hook '${hookName}': the hook's spec requires argument(s) ${quote(missing)}, missing from the positional names [${names.map((name) => `'${name}'`).join(", ")}]`,
      { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName, tapName },
    );
  }
}

/** The argument names tapable declared for a hook (`new SyncHook(names)`), when readable. */
export function declaredArgNames(hook: object): unknown {
  // tapable keeps the names it compiles calls with in `_args`; it has no public accessor.
  return (hook as { _args?: unknown })._args;
}

function quote(names: readonly string[]): string {
  return names.length === 0 ? "none" : names.map((name) => `'${name}'`).join(", ");
}
