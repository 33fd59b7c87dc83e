// Reads what `view.tap(options, fn)` was given, refusing what hooksmith cannot honour instead of
// dropping it: tapable's deprecated `context`, `type`/`fn` given as options, unknown keys, a stage
// that is not a number, a malformed `before`.

import { TapableTapError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import type { TapableTap } from "./types.ts";

/** The descriptor of one tap, shaped as tapable shapes it (user keys kept for interceptors). */
export type TapDescriptor = TapableTap & Record<string, unknown>;

/** A tap's order options, checked. */
export interface TapOrder {
  /** The stage; 0 when none was given. */
  readonly stage: number;
  /** The names this tap must run before. */
  readonly before: ReadonlySet<string>;
}

const orderKeys: ReadonlySet<string> = new Set(["name", "stage", "before"]);

/** Builds the descriptor of a tap from tapable's `(options, fn)`, or throws `TapableTapError`. */
export function describeTap(
  hookName: string,
  type: TapableTap["type"],
  options: unknown,
  fn: unknown,
  accepted: ReadonlySet<string>,
): TapDescriptor {
  let descriptor: TapDescriptor;
  if (typeof options === "string") {
    descriptor = { type, fn: fn as Function, name: options.trim() };
  } else if (typeof options === "object" && options !== null && !Array.isArray(options)) {
    const record = options as Record<string, unknown>;
    const name = typeof record["name"] === "string" ? record["name"].trim() : undefined;
    for (const key of Object.keys(record)) {
      if (orderKeys.has(key) || accepted.has(key)) continue;
      if (key === "context" && (record[key] === undefined || record[key] === false)) continue;
      throw unsupportedOption(hookName, name, key);
    }
    descriptor = { type, fn: fn as Function, ...record, name: name ?? "" };
  } else {
    throw new TapableTapError(
      `Invalid tap options on hook '${hookName}': expected a name or an options object, got ${describeValue(options)}`,
      {
        code: "HOOKSMITH_TAPABLE_INVALID_TAP",
        hookName,
        tapName: undefined,
      },
    );
  }
  if (descriptor.name === "") {
    throw new TapableTapError(
      `Missing name for tap on hook '${hookName}': tap("MyPlugin", fn) or tap({ name: "MyPlugin" }, fn)`,
      {
        code: "HOOKSMITH_TAPABLE_INVALID_TAP",
        hookName,
        tapName: undefined,
      },
    );
  }
  if (typeof fn !== "function") {
    throw new TapableTapError(`Tap '${descriptor.name}' on hook '${hookName}' needs a function, got ${describeValue(fn)}`, {
      code: "HOOKSMITH_TAPABLE_INVALID_TAP",
      hookName,
      tapName: descriptor.name,
    });
  }
  return descriptor;
}

/** Reads and checks the name, stage and `before` of a descriptor (after register interceptors). */
export function readTapOrder(hookName: string, descriptor: TapDescriptor): TapOrder {
  const name = descriptor.name;
  if (typeof name !== "string" || name.trim() === "") {
    throw new TapableTapError(`A register interceptor of hook '${hookName}' returned a tap without a name`, {
      code: "HOOKSMITH_TAPABLE_INVALID_TAP",
      hookName,
      tapName: undefined,
    });
  }
  const stage = descriptor.stage;
  if (stage !== undefined && (typeof stage !== "number" || Number.isNaN(stage))) {
    throw new TapableTapError(`Tap '${name}' on hook '${hookName}': stage must be a number, got ${describeValue(stage)}`, {
      code: "HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION",
      hookName,
      tapName: name,
    });
  }
  const before = descriptor.before;
  const names = typeof before === "string" ? [before] : before;
  if (names !== undefined && (!Array.isArray(names) || !names.every((item) => typeof item === "string"))) {
    throw new TapableTapError(
      `Tap '${name}' on hook '${hookName}': before must be a tap name or an array of tap names, got ${describeValue(before)}`,
      {
        code: "HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION",
        hookName,
        tapName: name,
      },
    );
  }
  return { stage: stage ?? 0, before: new Set(names) };
}

function unsupportedOption(hookName: string, tapName: string | undefined, key: string): TapableTapError {
  const subject = tapName === undefined || tapName === "" ? "A tap" : `Tap '${tapName}'`;
  const reason =
    key === "context"
      ? "tapable's context object is deprecated and has no hooksmith equivalent"
      : key === "type" || key === "fn"
        ? "the tap method and the function argument decide it"
        : "it has no hooksmith meaning; list it in the view's tapOptions if an interceptor reads it";
  return new TapableTapError(
    `${subject} on hook '${hookName}' uses the option '${key}', which the bridge cannot honour: ${reason}`,
    {
      code: "HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION",
      hookName,
      tapName: tapName === "" ? undefined : tapName,
    },
  );
}
