// Whether an implementation fits its hook: pluggy's `_verify_hook`, in pluggy's order, with its
// meaning kept and the TypeScript API named in the messages.

import { PluginValidationError } from "./errors.ts";
import type { HookImpl } from "./hook-impl.ts";
import type { HookSpec } from "./hook-spec.ts";

/**
 * Verifies `impl` against the spec of its hook: a historic hook takes no wrapper, an
 * implementation may only require arguments its spec declares, and the spec's `warnOnImpl` /
 * `warnOnImplArgs` warnings are emitted.
 *
 * @throws {PluginValidationError} When the implementation does not fit.
 */
export function verifyImpl(hookName: string, spec: HookSpec, impl: HookImpl, warn: (warning: Error) => void): void {
  const pluginName = impl.pluginName;
  if (spec.opts.historic && (impl.wrapper || impl.hookwrapper)) {
    throw new PluginValidationError(
      impl.plugin,
      `Plugin '${pluginName}' for hook '${hookName}'\nhookimpl definition: ${formatDefinition(impl)}\n` +
        "A historic hook cannot have wrappers (wrapper: true or hookwrapper: true)",
      { code: "HOOKSMITH_HISTORIC_WRAPPER", pluginName, hookName },
    );
  }
  if (spec.warnOnImpl !== undefined) warn(spec.warnOnImpl);
  // As in pluggy, an implementation may only require what the spec requires: a spec argument with
  // a default may be missing from a call, so an implementation cannot depend on it.
  const specNames = spec.argnames;
  if (specNames !== undefined && impl.argnames !== undefined && !impl.argnames.every((name) => specNames.includes(name))) {
    const notInSpec = impl.argnames.filter((name) => !specNames.includes(name));
    {
      throw new PluginValidationError(
        impl.plugin,
        `Plugin '${pluginName}' for hook '${hookName}'\nhookimpl definition: ${formatDefinition(impl)}\n` +
          `Argument(s) [${notInSpec.map((name) => JSON.stringify(name)).join(", ")}] are declared in the hookimpl but can not be found in the hookspec`,
        { code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC", pluginName, hookName },
      );
    }
  }
  if (spec.warnOnImplArgs !== undefined) {
    for (const argname of impl.argnames ?? []) {
      const warning = Object.hasOwn(spec.warnOnImplArgs, argname) ? spec.warnOnImplArgs[argname] : undefined;
      if (warning !== undefined) warn(warning);
    }
  }
  checkWrapperShape(hookName, impl);
}

/**
 * Wrapper flags must describe a generator function, and only one of them may be set. pluggy
 * checks this only for hooks with a spec; checking every hook makes the mistake visible at once.
 *
 * @throws {PluginValidationError} When the flags do not fit the function.
 */
export function checkWrapperShape(hookName: string, impl: HookImpl): void {
  if ((impl.wrapper || impl.hookwrapper) && impl.kind !== "generator" && impl.kind !== "async-generator") {
    throw new PluginValidationError(
      impl.plugin,
      `Plugin '${impl.pluginName}' for hook '${hookName}'\nhookimpl definition: ${formatDefinition(impl)}\n` +
        `Declared with ${impl.wrapper ? "wrapper" : "hookwrapper"}: true, but the function is not a generator function (function* or async function*)`,
      { code: "HOOKSMITH_WRAPPER_NOT_GENERATOR", pluginName: impl.pluginName, hookName },
    );
  }
  if (impl.wrapper && impl.hookwrapper) {
    throw new PluginValidationError(
      impl.plugin,
      `Plugin '${impl.pluginName}' for hook '${hookName}'\nhookimpl definition: ${formatDefinition(impl)}\n` +
        "The wrapper: true and hookwrapper: true options are mutually exclusive",
      { code: "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS", pluginName: impl.pluginName, hookName },
    );
  }
}

// Renders an implementation's definition for messages, e.g. `myhook({ arg1, arg2, verbose = … })`.
function formatDefinition(impl: HookImpl): string {
  const name = impl.function.name || "(anonymous)";
  if (impl.argnames === undefined) return `${name}(…)`;
  const keys = [...impl.argnames, ...(impl.kwargnames ?? []).map((key) => `${key} = …`)];
  return keys.length === 0 ? `${name}()` : `${name}({ ${keys.join(", ")} })`;
}
