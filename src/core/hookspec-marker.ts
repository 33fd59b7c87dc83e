import { applyMark, type MarkerArguments } from "./decorate.ts";
import { defaultHookspecOpts, historicFirstresultError, markKey, normalizeHookspecOpts } from "./marker-options.ts";
import type { FirstResultHook, HistoricHook, HookspecOptions, HookspecOpts } from "./types.ts";
import type { HookMarkerError } from "./errors.ts";
import type { HookspecError } from "./errors.ts";

/** The type a spec function gets from `hookspec(options)(fn)`: branded when `firstresult` or `historic`. */
export type MarkedSpec<Fn, Options> = Options extends { readonly firstresult: true }
  ? Fn & FirstResultHook
  : Options extends { readonly historic: true }
    ? Fn & HistoricHook
    : Fn;

/** What `hookspec(options)` returns: a marker with those options, in every form. */
export interface HookspecDecorator<Options extends HookspecOptions = HookspecOptions> {
  /** Marks `fn` and returns it, branded with `FirstResult` / `Historic` as the options say. */
  <Fn extends Function>(fn: Fn): MarkedSpec<Fn, Options>;
  /** Marks a method as a TC39 standard decorator. */
  <Fn extends Function>(method: Fn, context: ClassMethodDecoratorContext): Fn;
  /** Marks the function a field holds, as a TC39 standard decorator. */
  <Value>(value: undefined, context: ClassFieldDecoratorContext<unknown, Value>): (initial: Value) => Value;
  /** Marks a method as a legacy (`experimentalDecorators`) decorator. */
  <Value>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Value>): TypedPropertyDescriptor<Value>;
}

/**
 * A hookspec marker of one project: call it on a function, or use it as a decorator, to make that
 * function a hook specification (pluggy's `HookspecMarker` instance).
 */
export interface HookspecMarker extends HookspecDecorator<Record<never, never>> {
  /** The project whose managers see the marks. */
  readonly projectName: string;
  /** Returns a marker that applies `options`. */
  <const Options extends HookspecOptions>(options: Options): HookspecDecorator<Options>;
  /** The marker with default options, as `hookspec({})` (pytest-xdist's `@pytest.hookspec()`). */
  (): HookspecDecorator<Record<never, never>>;
}

/**
 * Creates the hookspec marker of a project. A mark lives on the function itself (under
 * `Symbol.for("<project>.hookspec")`), and a mark of project A is invisible to a manager of
 * project B.
 *
 * Four forms: `hookspec(fn)`, `hookspec(options)(fn)`, `@hookspec` and `@hookspec(options)` on a
 * class method (TC39 standard decorators or `experimentalDecorators`). `hookspec({ firstresult:
 * true })(fn)` also brands the type of `fn` so that a manager typed with it returns one result.
 *
 * @param projectName - The project name shared by the specs, the implementations and the manager.
 * @returns The marker.
 * @throws {HookMarkerError} When marking with invalid options or applied to something that is not a function.
 * @throws {HookspecError} When applying `historic` together with `firstresult` (pluggy's `ValueError`).
 * @example
 * ```ts
 * import { HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 *
 * export const specs = {
 *   greet: hookspec((_args: { name: string }): string => ""),
 *   pickName: hookspec({ firstresult: true })((_args: { id: number }): string => ""),
 * };
 * const pm = new PluginManager<typeof specs>("example");
 * pm.addHookspecs(specs);
 * ```
 */
export function HookspecMarker(projectName: string): HookspecMarker {
  const key = markKey(projectName, "spec");
  const decoratorFor = (opts: HookspecOpts): HookspecDecorator =>
    ((...args: MarkerArguments) =>
      applyMark("hookspec", args, (fn) => {
        if (opts.historic && opts.firstresult) throw historicFirstresultError(fn.name || undefined);
        (fn as unknown as Record<symbol, unknown>)[key] = opts;
      })) as HookspecDecorator;
  const markDefault = decoratorFor(defaultHookspecOpts);
  const marker = (...args: MarkerArguments): unknown => {
    const [first] = args;
    // `hookspec()` is `hookspec({})`, as pytest-xdist writes `@pytest.hookspec()`.
    if (args.length === 0) return markDefault;
    if (args.length === 1 && typeof first === "object" && first !== null) {
      return decoratorFor(normalizeHookspecOpts(first, ""));
    }
    return (markDefault as (...rest: MarkerArguments) => unknown)(...args);
  };
  Object.defineProperty(marker, "projectName", { value: projectName, enumerable: true });
  return marker as HookspecMarker;
}
