// pluggy's tag tracer: hierarchical tags, an indent level, one writer and per-tag processors.

import { CallableBase } from "./callable.ts";
import { describePlugin } from "./describe.ts";

/** A function that receives formatted trace lines. */
export type TraceWriter = (message: string) => void;

/** A function called with the tags and raw arguments of every trace message of its tags. */
export type TraceProcessor = (tags: readonly string[], args: readonly unknown[]) => void;

/**
 * The root of a tree of tracers (pluggy's `TagTracer`). Tracers made with {@link TagTracer.get}
 * write lines like `"  message [tag:subtag]\n"`, indented by {@link TagTracer.indent}.
 *
 * @example
 * ```ts
 * import { TagTracer } from "hooksmith";
 *
 * const root = new TagTracer();
 * const lines: string[] = [];
 * root.setWriter((line) => lines.push(line));
 * root.get("pytest").get("collection")("hello");
 * console.log(lines); // ["hello [pytest:collection]\n"]
 * ```
 */
export class TagTracer {
  /** The current indent level; each level is two spaces. */
  indent: number = 0;
  #writer: TraceWriter | undefined;
  readonly #processors = new Map<string, TraceProcessor>();

  /**
   * Returns a tracer for `name` under this root.
   *
   * @param name - The tag.
   * @returns The tracer.
   */
  get(name: string): TagTracerSub {
    return new TagTracerSub(this, [name]);
  }

  /**
   * Sets (or with `undefined` removes) the function that receives formatted lines.
   *
   * @param writer - The line sink.
   */
  setWriter(writer: TraceWriter | undefined): void {
    this.#writer = writer;
  }

  /**
   * Registers a processor for messages of exactly these tags, given as `"a:b"` or `["a", "b"]`.
   *
   * @param tags - The tags.
   * @param processor - Called with the tags and the raw arguments.
   */
  setProcessor(tags: string | readonly string[], processor: TraceProcessor): void {
    this.#processors.set(typeof tags === "string" ? tags : tags.join(":"), processor);
  }

  /** pluggy's spelling of {@link TagTracer.setWriter}. */
  setwriter(writer: TraceWriter | undefined): void {
    this.setWriter(writer);
  }

  /** pluggy's spelling of {@link TagTracer.setProcessor}. */
  setprocessor(tags: string | readonly string[], processor: TraceProcessor): void {
    this.setProcessor(tags, processor);
  }

  /**
   * Formats a message: `"  " * indent + args joined by spaces + " [tags]\n"`; when the last
   * argument is a plain object, its entries follow, one per line.
   *
   * @param tags - The tags of the message.
   * @param args - The message parts.
   * @returns The formatted lines.
   */
  formatMessage(tags: readonly string[], args: readonly unknown[]): string {
    let parts = args;
    let extra: Record<string, unknown> | undefined;
    const last = args[args.length - 1];
    if (isPlainObject(last)) {
      extra = last;
      parts = args.slice(0, -1);
    }
    const indent = "  ".repeat(this.indent);
    let text = `${indent}${parts.map((part) => formatValue(part, true)).join(" ")} [${tags.join(":")}]\n`;
    if (extra !== undefined) {
      for (const [key, value] of Object.entries(extra)) text += `${indent}    ${key}: ${formatValue(value, true)}\n`;
    }
    return text;
  }

  /** @internal Writes and processes one message of a sub-tracer. */
  processMessage(tags: readonly string[], args: readonly unknown[]): void {
    if (this.#writer !== undefined && args.length > 0) this.#writer(this.formatMessage(tags, args));
    this.#processors.get(tags.join(":"))?.(tags, args);
  }
}

/** A tracer's call signature: trace a message made of `args`. */
export interface TagTracerSub {
  /** Traces a message made of `args` (a last plain-object argument is printed as key lines). */
  (...args: unknown[]): void;
}

/**
 * A tracer for a list of tags (pluggy's `TagTracerSub`): call it to trace a message; `get(name)`
 * returns a tracer for a sub-tag. `pm.trace` is the `"pluginmanage"` tracer of a manager.
 *
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * pm.trace.root.setWriter((line) => process.stderr.write(line));
 * pm.trace("hello", "world", { k: "v" }); // "hello world [pluginmanage]\n    k: v\n"
 * ```
 */
export class TagTracerSub extends CallableBase {
  /** The root tracer, which holds the indent, the writer and the processors. */
  declare readonly root: TagTracer;
  /** The tags of this tracer, outermost first. */
  declare readonly tags: readonly string[];

  /**
   * @param root - The root tracer.
   * @param tags - The tags of this tracer.
   */
  constructor(root: TagTracer, tags: readonly string[]) {
    const frozenTags = Object.freeze([...tags]);
    super(function trace(...args: unknown[]): void {
      root.processMessage(frozenTags, args);
    });
    Object.defineProperty(this, "root", { value: root, enumerable: true });
    Object.defineProperty(this, "tags", { value: frozenTags, enumerable: true });
  }

  /**
   * Returns a tracer for the sub-tag `name`.
   *
   * @param name - The sub-tag.
   * @returns The tracer for `[...this.tags, name]`.
   */
  get(name: string): TagTracerSub {
    return new TagTracerSub(this.root, [...this.tags, name]);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

// Renders a value like Python's str() at the top level and repr() inside containers, so that
// traces read as pluggy's do (`finish h --> [2]`), on one short line: modules, classes, functions
// and class instances by name (a module namespace has a null prototype, and its exports would
// otherwise print their source), and large or deep containers shortened.
function formatValue(value: unknown, topLevel: boolean, depth: number = 0): string {
  if (typeof value === "string") {
    if (topLevel) return value;
    return `'${value.length > maxString ? `${value.slice(0, maxString)}…` : value}'`;
  }
  if (typeof value === "function" || isModule(value)) return describePlugin(value);
  if (Array.isArray(value)) {
    if (depth >= maxDepth) return value.length === 0 ? "[]" : "[…]";
    return `[${shortList(value, (item) => formatValue(item, false, depth + 1))}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (depth >= maxDepth) return entries.length === 0 ? "{}" : "{…}";
    return `{${shortList(entries, ([key, item]) => `'${key}': ${formatValue(item, false, depth + 1)}`)}}`;
  }
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "object" && !hasOwnToString(value)) return describePlugin(value);
  return String(value);
}

const maxItems = 10;
const maxDepth = 3;
const maxString = 60;

function shortList<T>(items: readonly T[], render: (item: T) => string): string {
  const shown = items.slice(0, maxItems).map(render);
  if (items.length > maxItems) shown.push(`… ${items.length - maxItems} more`);
  return shown.join(", ");
}

function isModule(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Module]";
}

// Errors, dates, URLs and other objects that render themselves keep their own text; an instance
// of a plain class would print "[object Object]".
function hasOwnToString(value: object): boolean {
  return (value as { toString?: unknown }).toString !== Object.prototype.toString;
}
