// Registering many plugins with 3 hook implementations each.

import { createHooks } from "hookable";
import { SyncHook } from "tapable";
import { PluginManager } from "../../src/index.ts";
import type { BenchCase, PreparedCase } from "../harness.ts";
import { hookimpl, hookspec, project } from "./fixtures.ts";

interface Event {
  readonly name: string;
}

/** The 3 specs of the registration and memory cases. */
export const specs: {
  configure: (event: Event) => unknown;
  collect: (event: Event) => unknown;
  report: (event: Event) => unknown;
} = {
  configure: hookspec(function configure({ name }: Event): unknown {
    return name;
  }),
  collect: hookspec(function collect({ name }: Event): unknown {
    return name;
  }),
  report: hookspec(function report({ name }: Event): unknown {
    return name;
  }),
};
/** The hooks of {@link specs}. */
export const hookNames = ["collect", "configure", "report"] as const;

/** A plugin with 3 marked methods and one helper. */
export class Plugin {
  readonly index: number;

  constructor(index: number) {
    this.index = index;
  }

  configure({ name }: Event): string {
    return `${name}:${this.index}`;
  }

  collect({ name }: Event): number {
    return name.length + this.index;
  }

  report({ name }: Event): undefined {
    if (name === "") throw new Error("no name");
    return undefined;
  }

  helper(): number {
    return this.index;
  }
}
hookimpl(Plugin.prototype.configure);
hookimpl(Plugin.prototype.collect);
hookimpl(Plugin.prototype.report);

interface Registration {
  readonly plugin: object;
  readonly fn: Function;
}

const implMark = Symbol.for(`${project}.hookimpl`);

/**
 * The hand-written baseline of registration: a name registry that refuses duplicates, and for
 * each plugin the marked methods found on its class, appended to one list per hook.
 */
export class Registry {
  readonly names = new Map<string, object>();
  readonly plugins = new Set<object>();
  readonly hooks = new Map<string, Registration[]>();

  register(plugin: object, name: string): string {
    if (this.names.has(name) || this.plugins.has(plugin)) throw new Error(`already registered: ${name}`);
    this.names.set(name, plugin);
    this.plugins.add(plugin);
    for (const member of Object.getOwnPropertyNames(Object.getPrototypeOf(plugin) as object).sort()) {
      const fn = (plugin as Record<string, unknown>)[member];
      if (typeof fn !== "function" || (fn as unknown as Record<symbol, unknown>)[implMark] === undefined) continue;
      let list = this.hooks.get(member);
      if (list === undefined) this.hooks.set(member, (list = []));
      list.push({ plugin, fn });
    }
    return name;
  }
}

/**
 * Registers `count` plugins (instances of one class with 3 marked methods and one helper) on a
 * new manager with the 3 specs; beside the baseline {@link Registry}, tapable (3 `SyncHook`s,
 * `tap` with bound methods) and hookable (`hook` with bound methods). One operation registers all
 * of them.
 *
 * @param count - The number of plugins.
 * @returns The case.
 */
export function registrationCase(count: number): BenchCase {
  return {
    name: `register ${count.toLocaleString("en-US")} plugins x 3 hooks`,
    pluggy: { kind: "register", plugins: count },
    prepare(): PreparedCase {
      const plugins = Array.from({ length: count }, (_, i) => new Plugin(i));
      const names = plugins.map((_, i) => `plugin_${i}`);
      const countEach = (sizes: number[]): void => {
        if (sizes.some((size) => size !== count))
          throw new Error(`expected ${count} implementations per hook, got ${sizes.join(", ")}`);
      };
      return {
        subjects: [
          {
            subject: "hooksmith",
            run: () => {
              const pm = new PluginManager<typeof specs>(project);
              pm.addHookspecs(specs);
              for (let i = 0; i < count; i++) pm.register(plugins[i]!, names[i]);
              return pm;
            },
            verify: (pm) =>
              countEach(hookNames.map((name) => (pm as PluginManager<typeof specs>).hook[name].getHookimpls().length)),
          },
          {
            subject: "baseline",
            run: () => {
              const registry = new Registry();
              for (let i = 0; i < count; i++) registry.register(plugins[i]!, names[i]!);
              return registry;
            },
            verify: (registry) => countEach(hookNames.map((name) => (registry as Registry).hooks.get(name)?.length ?? 0)),
          },
          {
            subject: "tapable",
            run: () => {
              const hooks = {
                configure: new SyncHook<[Event]>(["event"]),
                collect: new SyncHook<[Event]>(["event"]),
                report: new SyncHook<[Event]>(["event"]),
              };
              for (let i = 0; i < count; i++) {
                const plugin = plugins[i]!;
                hooks.collect.tap(names[i]!, plugin.collect.bind(plugin));
                hooks.configure.tap(names[i]!, plugin.configure.bind(plugin));
                hooks.report.tap(names[i]!, plugin.report.bind(plugin));
              }
              return hooks;
            },
            verify: (hooks) =>
              countEach(hookNames.map((name) => (hooks as Record<string, SyncHook<[Event]>>)[name]!.taps.length)),
          },
          {
            subject: "hookable",
            run: () => {
              const hooks = createHooks<Record<(typeof hookNames)[number], (event: Event) => void>>();
              for (let i = 0; i < count; i++) {
                const plugin = plugins[i]!;
                hooks.hook("collect", plugin.collect.bind(plugin));
                hooks.hook("configure", plugin.configure.bind(plugin));
                hooks.hook("report", plugin.report.bind(plugin));
              }
              return hooks;
            },
            verify: (hooks) => {
              const registered = (hooks as unknown as { _hooks: Record<string, unknown[]> })._hooks;
              countEach(hookNames.map((name) => registered[name]?.length ?? 0));
            },
          },
        ],
      };
    },
  };
}
