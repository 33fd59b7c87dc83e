import { HooksmithError } from "./hooksmith-error.ts";

/** Context of a {@link HookspecError}. */
export interface HookspecErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_SPEC_CONFLICT`. */
  code: string;
  /** The hook concerned, when there is one. */
  hookName?: string | undefined;
  /** The namespace that was being added, when there is one. */
  namespace?: unknown;
}

/**
 * A hook specification cannot be added: the hook already has a spec, the namespace holds no spec
 * of this project, or its options contradict each other (`historic` with `firstresult`). Keeps
 * pluggy's `ValueError` texts.
 *
 * Codes: `HOOKSMITH_SPEC_CONFLICT`, `HOOKSMITH_NO_HOOKSPECS`, `HOOKSMITH_HISTORIC_FIRSTRESULT`,
 * `HOOKSMITH_INVALID_SPEC_NAMESPACE`.
 *
 * @example
 * ```ts
 * import { HookspecError, HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const specs = { ready: hookspec(() => {}) };
 * const pm = new PluginManager("example");
 * pm.addHookspecs(specs);
 * try {
 *   pm.addHookspecs(specs);
 * } catch (error) {
 *   if (error instanceof HookspecError) console.log(error.code); // HOOKSMITH_SPEC_CONFLICT
 * }
 * ```
 */
export class HookspecError extends HooksmithError {
  /** The error class name, `"HookspecError"` (printed by `toString()` and in stack traces). */
  override name: string = "HookspecError";
  /** The hook concerned, when there is one. */
  readonly hookName: string | undefined;
  /** The namespace that was being added, when there is one. */
  readonly namespace: unknown;

  /**
   * @param message - What failed.
   * @param options - The code, hook and namespace concerned.
   */
  constructor(message: string, options: HookspecErrorOptions) {
    super(message, { code: options.code });
    this.hookName = options.hookName;
    this.namespace = options.namespace;
  }
}
