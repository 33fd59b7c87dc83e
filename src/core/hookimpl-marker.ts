import { applyMark, type MarkerArguments } from "./decorate.ts";
import { defaultHookimplOpts, markKey, normalizeHookimplOpts } from "./marker-options.ts";
import type { HookimplMark, HookimplOptions, HookimplOpts } from "./types.ts";
import type { HookMarkerError } from "./errors.ts";

/**
 * What `hookimpl(options)` returns: a marker with those options, in every form. A marked function
 * keeps its type plus a {@link HookimplMark} of `Options`, from which a typed manager checks it.
 */
export interface HookimplDecorator<Options extends HookimplOptions = HookimplOptions> {
  /** Marks `fn` (or, as a TC39 standard decorator, a method) and returns it unchanged. */
  // `Fn & Function` rather than a constraint: TypeScript 5.x then infers `Fn` from a contextual
  // type that includes `undefined` (an optional plugin member), which types `fn`'s parameters.
  <Fn>(fn: Fn & Function, context?: ClassMethodDecoratorContext): Fn & HookimplMark<Options>;
  /** Marks the function a field holds, as a TC39 standard decorator. */
  <Value>(value: undefined, context: ClassFieldDecoratorContext<unknown, Value>): (initial: Value) => Value;
  /** Marks a method as a legacy (`experimentalDecorators`) decorator. */
  <Value>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Value>): TypedPropertyDescriptor<Value>;
}

/**
 * A hookimpl marker of one project: call it on a function, or use it as a decorator, to make that
 * function a hook implementation (pluggy's `HookimplMarker` instance).
 */
export interface HookimplMarker extends HookimplDecorator<Record<never, never>> {
  /** The project whose managers see the marks. */
  readonly projectName: string;
  /** Marks `fn` (or, as a TC39 standard decorator, a method) with default options and returns it. */
  // Declared again so that it comes before the options form: TypeScript 5.0 to 5.3 type an arrow
  // function's parameters from the first overload they try, and the options form gives none.
  <Fn>(fn: Fn & Function, context?: ClassMethodDecoratorContext): Fn & HookimplMark<Record<never, never>>;
  /** Returns a marker that applies `options`. */
  <const Options extends HookimplOptions>(options: Options): HookimplDecorator<Options>;
}

/**
 * Creates the hookimpl marker of a project. A mark lives on the function itself (under
 * `Symbol.for("<project>.hookimpl")`), so it works without `reflect-metadata` or `Symbol.metadata`,
 * and a mark of project A is invisible to a manager of project B.
 *
 * Four forms: `hookimpl(fn)`, `hookimpl(options)(fn)`, `@hookimpl` and `@hookimpl(options)` on a
 * class method (TC39 standard decorators or `experimentalDecorators`). Options are checked when
 * marking: an unknown or mistyped option, or `tryfirst` with `trylast`, throws `HookMarkerError`.
 *
 * @param projectName - The project name shared by the specs, the implementations and the manager.
 * @returns The marker.
 * @throws {HookMarkerError} When marking with invalid options or applied to something that is not a function.
 * @example
 * ```ts
 * import { HookimplMarker } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 *
 * class Plugin {
 *   @hookimpl
 *   greet({ name }: { name: string }) {
 *     return `hello ${name}`;
 *   }
 *
 *   @hookimpl({ wrapper: true })
 *   *shout() {
 *     const results: string[] = yield;
 *     return results.map((result) => result.toUpperCase());
 *   }
 * }
 *
 * export const greetLast = hookimpl({ trylast: true, specname: "greet" })(() => "bye");
 * ```
 */
export function HookimplMarker(projectName: string): HookimplMarker {
  const key = markKey(projectName, "impl");
  const decoratorFor = (opts: HookimplOpts): HookimplDecorator =>
    ((...args: MarkerArguments) =>
      applyMark("hookimpl", args, (fn) => {
        (fn as unknown as Record<symbol, unknown>)[key] = opts;
      })) as HookimplDecorator;
  const markDefault = decoratorFor(defaultHookimplOpts);
  const marker = (...args: MarkerArguments): unknown => {
    const [first] = args;
    if (args.length === 1 && typeof first === "object" && first !== null) {
      return decoratorFor(normalizeHookimplOpts(first, ""));
    }
    return (markDefault as (...rest: MarkerArguments) => unknown)(...args);
  };
  Object.defineProperty(marker, "projectName", { value: projectName, enumerable: true });
  return marker as HookimplMarker;
}
