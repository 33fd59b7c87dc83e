// Internal: calls one hook plugin by plugin, in registration order, so that every result is
// attributed to the plugin that returned it. Shared by collectStages and the subcommand registry.
import { PluginHookError } from "./errors.ts";
import type { HookCaller } from "../core/hook-caller.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { messageOf } from "../core/describe.ts";

/** What one plugin's implementations of a hook returned. */
export interface PluginCallResult {
  /** The name the plugin is registered under. */
  readonly pluginName: string;
  /** The plugin object. */
  readonly plugin: object;
  /** The non-`undefined` results of its implementations, in call order. */
  readonly results: readonly unknown[];
}

/** Options of {@link callPerPlugin}. */
export interface CallPerPluginOptions {
  /** Cancels the calls; an abort rejects with `signal.reason`, unwrapped. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Calls hook `hookName` once per plugin that implements it, in plugin registration order
 * (first registered first, unlike pluggy's call order), through a subset caller holding only
 * that plugin's implementations: each implementation runs exactly once, through the regular
 * call loop (argument checks, monitoring and tracing see every call), awaited.
 *
 * @param manager - The plugin manager.
 * @param hookName - The hook to call.
 * @param argsFor - The arguments object of the call for one plugin.
 * @param options - `signal`.
 * @returns One entry per implementing plugin, in registration order.
 * @throws {@link PluginHookError} naming the plugin when an implementation is a wrapper
 *   (before anything is called) or throws.
 * @throws {TypeError} for a historic hook.
 */
export async function callPerPlugin<Specs extends object>(
  manager: PluginManager<Specs>,
  hookName: string,
  argsFor: (pluginName: string, plugin: object) => object,
  options: CallPerPluginOptions = {},
): Promise<PluginCallResult[]> {
  const pm = manager as unknown as PluginManager;
  const caller = (pm.hook as Readonly<Record<string, HookCaller | undefined>>)[hookName];
  if (caller === undefined) return [];
  if (caller.isHistoric()) {
    throw new TypeError(
      `hook "${hookName}" is historic: its calls are replayed to later plugins, so it cannot be collected plugin by plugin`,
    );
  }
  const implementing = new Set<object>();
  for (const impl of caller.getHookimpls()) {
    if (impl.plugin === undefined) continue;
    if (impl.wrapper || impl.hookwrapper) {
      throw new PluginHookError(
        `Plugin "${impl.pluginName}" implements hook "${hookName}" as a wrapper; this hook is called plugin by plugin, so a wrapper would only see its own plugin's results: implement it as a plain hook`,
        { code: "HOOKSMITH_PLUGIN_HOOK_WRAPPER", pluginName: impl.pluginName, hookName, plugin: impl.plugin },
      );
    }
    implementing.add(impl.plugin);
  }
  const order: [string, object][] = [];
  for (const [name, plugin] of pm.listNamePlugin())
    if (plugin !== undefined && implementing.has(plugin)) order.push([name, plugin]);

  const firstresult = caller.spec?.opts.firstresult === true;
  const calls: PluginCallResult[] = [];
  for (const [pluginName, plugin] of order) {
    const others = order.filter(([, other]) => other !== plugin).map(([, other]) => other);
    const subset = pm.subsetHookCaller(hookName, others);
    let outcome: unknown;
    try {
      outcome = await subset.callAsync(argsFor(pluginName, plugin) as Record<string, unknown>, { signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted === true && error === options.signal.reason) throw error;
      throw new PluginHookError(`Plugin "${pluginName}" failed in hook "${hookName}": ${messageOf(error)}`, {
        code: "HOOKSMITH_PLUGIN_HOOK_FAILED",
        pluginName,
        hookName,
        plugin,
        cause: error,
      });
    }
    const results = firstresult ? (outcome === undefined ? [] : [outcome]) : (outcome as unknown[]);
    calls.push({ pluginName, plugin, results });
  }
  return calls;
}
