// A base class whose instances are functions: the subclass constructor passes the function to
// call, and that function object becomes the instance (so `#private` fields and methods work on
// it). Hook callers and tracers use it so that `pm.hook.name(args)` and `pm.trace(msg)` are calls.

/** The constructor type of {@link CallableBase}. */
export interface CallableBaseConstructor {
  /** Makes `fn` the instance being constructed. */
  new (fn: Function): object;
  /** The shared prototype, which inherits from `Function.prototype`. */
  readonly prototype: object;
}

/** @internal */
export const CallableBase: CallableBaseConstructor = function CallableBase(this: unknown, fn: Function): unknown {
  return Object.setPrototypeOf(fn, new.target.prototype);
} as unknown as CallableBaseConstructor;
Object.setPrototypeOf(CallableBase.prototype, Function.prototype);
