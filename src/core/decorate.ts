// Applies a mark in every form a marker supports: a plain call `marker(fn)`, a TC39 standard
// decorator on a method or field, and a legacy (`experimentalDecorators`) method decorator.

import { HookMarkerError } from "./errors.ts";

/** The arguments a marker (or the decorator it returns) may receive. */
export type MarkerArguments = readonly unknown[];

/**
 * Marks the function that `args` designate with `mark` and returns what that form expects back:
 * the function, a field initializer, or the property descriptor.
 */
export function applyMark(kind: string, args: MarkerArguments, mark: (fn: Function) => void): unknown {
  const [value, context, descriptor] = args;
  if (args.length === 1) {
    if (typeof value !== "function") {
      throw new HookMarkerError(`${kind} can only mark a function, got ${typeof value}`, {
        code: "HOOKSMITH_INVALID_MARKER_TARGET",
      });
    }
    mark(value);
    return value;
  }
  if (args.length === 2 && isDecoratorContext(context)) {
    if (context.kind === "method" && typeof value === "function") {
      mark(value);
      return value;
    }
    if (context.kind === "field") {
      const fieldName = String(context.name);
      return function initialize(initial: unknown): unknown {
        if (typeof initial !== "function") {
          throw new HookMarkerError(
            `@${kind} on field '${fieldName}' needs a function value, got ${initial === null ? "null" : typeof initial}`,
            { code: "HOOKSMITH_INVALID_MARKER_TARGET" },
          );
        }
        mark(initial);
        return initial;
      };
    }
    throw new HookMarkerError(
      `@${kind} cannot decorate the ${context.kind} '${String(context.name)}': use it on a method or on a field holding a function`,
      { code: "HOOKSMITH_INVALID_MARKER_TARGET" },
    );
  }
  if (args.length === 3 && (typeof context === "string" || typeof context === "symbol")) {
    const property = descriptor as PropertyDescriptor | undefined;
    if (property !== undefined && typeof property.value === "function") {
      mark(property.value as Function);
      return property;
    }
    throw new HookMarkerError(
      `@${kind} cannot decorate '${String(context)}': with experimentalDecorators it works on methods only (not on fields or accessors)`,
      { code: "HOOKSMITH_INVALID_MARKER_TARGET" },
    );
  }
  throw new HookMarkerError(`${kind} was called with ${args.length} arguments it does not understand`, {
    code: "HOOKSMITH_INVALID_MARKER_TARGET",
  });
}

interface DecoratorContextLike {
  readonly kind: string;
  readonly name: string | symbol;
}

function isDecoratorContext(value: unknown): value is DecoratorContextLike {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && "name" in value;
}
