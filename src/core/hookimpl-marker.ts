import { applyMark, type MarkerArguments } from "./decorate.ts";
import { defaultHookimplOpts, markKey, normalizeHookimplOpts } from "./marker-options.ts";
import type { CheckDecorated, HookimplMark, HookimplOptions, HookimplOpts, UntypedSpecs } from "./types.ts";
import type { HookMarkerError } from "./errors.ts";

/**
 * What `hookimpl(options)` returns: a marker with those options, in every form. A marked function
 * keeps its type plus a {@link HookimplMark} of `Options`, from which a typed manager checks it. A
 * marker typed with a spec map (`HookimplMarker<Specs>(project)`) also checks each method it
 * decorates against the hook the method names (see {@link CheckDecorated}).
 */
export interface HookimplDecorator<Options extends HookimplOptions = HookimplOptions, Specs = UntypedSpecs> {
  /** Marks a method, as a TC39 standard decorator. */
  // First: TypeScript 6 and later also match a decorator against a one-parameter signature.
  <Method extends Function, Name extends string | symbol>(
    method: Method,
    context: { readonly kind: "method"; readonly name: Name },
  ): CheckDecorated<Specs, Name, Method, Options>;
  /** Marks `fn` and returns it unchanged. */
  // `Fn & Function` rather than a constraint: TypeScript 5.x then infers `Fn` from a contextual
  // type that includes `undefined` (an optional plugin member), which types `fn`'s parameters.
  <Fn>(fn: Fn & Function): Fn & HookimplMark<Options>;
  /** Marks the function a field holds, as a TC39 standard decorator. */
  <Value>(value: undefined, context: ClassFieldDecoratorContext<unknown, Value>): (initial: Value) => Value;
  /** Marks a method as a legacy (`experimentalDecorators`) decorator. */
  <Value, Name extends string | symbol>(
    target: object,
    key: Name,
    descriptor: TypedPropertyDescriptor<Value>,
  ): CheckDecorated<Specs, Name, Value, Options>;
}

/**
 * A hookimpl marker of one project: call it on a function, or use it as a decorator, to make that
 * function a hook implementation (pluggy's `HookimplMarker` instance).
 */
export interface HookimplMarker<Specs = UntypedSpecs> extends HookimplDecorator<Record<never, never>, Specs> {
  /** The project whose managers see the marks. */
  readonly projectName: string;
  /** Marks a method with default options, as a TC39 standard decorator. */
  <Method extends Function, Name extends string | symbol>(
    method: Method,
    context: { readonly kind: "method"; readonly name: Name },
  ): CheckDecorated<Specs, Name, Method, Record<never, never>>;
  /** Marks `fn` with default options and returns it. */
  // Declared again so that it comes before the options form: TypeScript 5.0 to 5.3 type an arrow
  // function's parameters from the first overload they try, and the options form gives none.
  <Fn>(fn: Fn & Function): Fn & HookimplMark<Record<never, never>>;
  /** Returns a marker that applies `options`. */
  <const Options extends HookimplOptions>(options: Options): HookimplDecorator<Options, Specs>;
  /** The marker with default options, as `hookimpl({})` (pytest's `@pytest.hookimpl()`). */
  (): HookimplDecorator<Record<never, never>, Specs>;
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
 * Give the marker the host's spec map, `HookimplMarker<Specs>(project)`, and every method it
 * decorates is checked at compile time as `register` checks a marked member: a method must name a
 * hook (or have a `specname` naming one, or be `optionalhook`) and fit that hook's spec, as a plain
 * implementation or a wrapper as its options say. A decorator cannot change the type of the method
 * it decorates, so without the spec map a misspelt decorated method goes unnoticed until
 * `checkPending()`.
 *
 * @typeParam Specs - The spec map decorated methods are checked against; untyped by default.
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
 *
 * interface Specs {
 *   greet(args: { name: string }): string;
 * }
 * const checked = HookimplMarker<Specs>("example");
 *
 * class Checked {
 *   @checked
 *   greet({ name }: { name: string }) {
 *     return `hi ${name}`;
 *   }
 *   // @checked gret() {} would not compile: no hook is named gret.
 * }
 * ```
 */
export function HookimplMarker<Specs = UntypedSpecs>(projectName: string): HookimplMarker<Specs> {
  const key = markKey(projectName, "impl");
  const decoratorFor = (opts: HookimplOpts): HookimplDecorator =>
    ((...args: MarkerArguments) =>
      applyMark("hookimpl", args, (fn) => {
        (fn as unknown as Record<symbol, unknown>)[key] = opts;
      })) as HookimplDecorator;
  const markDefault = decoratorFor(defaultHookimplOpts);
  const marker = (...args: MarkerArguments): unknown => {
    const [first] = args;
    // `hookimpl()` is `hookimpl({})`, as pytest plugins write `@pytest.hookimpl()`.
    if (args.length === 0) return markDefault;
    if (args.length === 1 && typeof first === "object" && first !== null) {
      return decoratorFor(normalizeHookimplOpts(first, ""));
    }
    return (markDefault as (...rest: MarkerArguments) => unknown)(...args);
  };
  Object.defineProperty(marker, "projectName", { value: projectName, enumerable: true });
  return marker as HookimplMarker<Specs>;
}
