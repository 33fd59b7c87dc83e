/**
 * The argument names a hook function reads from its arguments object: `required` keys must be in
 * a call, `optional` keys have a default value in the destructuring pattern.
 */
export interface Argnames {
  /** Keys destructured without a default value, in source order. */
  readonly required: readonly string[];
  /** Keys destructured with a default value, in source order. */
  readonly optional: readonly string[];
}

const cache = new WeakMap<Function, Argnames | null>();

/**
 * Reads the argument names of a hook function from the destructuring pattern of its first
 * parameter, e.g. `({ a, b = 1 }) => …` gives `{ required: ["a"], optional: ["b"] }` and a
 * function without parameters gives two empty lists.
 *
 * JavaScript has no parameter reflection, so this reads the function's source text. It returns
 * `undefined` ("unknown") when the source cannot be read (native or bound functions), when the first
 * parameter is not an object pattern (`(args) => …`, `x => …`, `(...rest) => …`), or when the
 * pattern has computed keys. Hooks with unknown names skip the argument checks; give them names with
 * the `argnames` marker option instead.
 *
 * @param fn - A hook specification or implementation function.
 * @returns The names, or `undefined` when they cannot be known.
 * @example
 * ```ts
 * import { readArgnames } from "hooksmith";
 *
 * readArgnames(({ config, verbose = false }: { config: object; verbose?: boolean }) => config);
 * // { required: ["config"], optional: ["verbose"] }
 * ```
 */
export function readArgnames(fn: Function): Argnames | undefined {
  let result = cache.get(fn);
  if (result === undefined) {
    result = parse(Function.prototype.toString.call(fn)) ?? null;
    cache.set(fn, result);
  }
  return result ?? undefined;
}

/**
 * The argument names of a spec or implementation: the `argnames` option when given (all
 * required), otherwise what {@link readArgnames} reads from the source.
 *
 * @internal
 */
export function argnamesOf(fn: Function, explicit: readonly string[] | undefined): Argnames | undefined {
  return explicit === undefined ? readArgnames(fn) : { required: explicit, optional: [] };
}

function parse(source: string): Argnames | undefined {
  if (/^class\b/.test(source) || source.includes("[native code]")) return undefined;
  const code = stripComments(source);
  const open = findParameterListStart(code);
  if (open === -1) return undefined;
  const close = findClosing(code, open);
  if (close === -1) return undefined;
  const parameters = splitTopLevel(code.slice(open + 1, close));
  const first = parameters[0]?.trim() ?? "";
  if (first === "") return { required: [], optional: [] };
  if (!first.startsWith("{")) return undefined;
  const end = findClosing(first, 0);
  if (end === -1) return undefined;
  return parseObjectPattern(first.slice(1, end));
}

function parseObjectPattern(body: string): Argnames | undefined {
  const required: string[] = [];
  const optional: string[] = [];
  for (const raw of splitTopLevel(body)) {
    const property = raw.trim();
    if (property === "" || property.startsWith("...")) continue;
    const keyMatch = keyPattern.exec(property);
    if (keyMatch === null) return undefined;
    const key =
      keyMatch[1] !== undefined
        ? unescapeString(keyMatch[1])
        : keyMatch[2] !== undefined
          ? unescapeString(keyMatch[2])
          : keyMatch[3] !== undefined
            ? decodeIdentifier(keyMatch[3])
            : String(Number(keyMatch[4]));
    const rest = property.slice(keyMatch[0].length).trim();
    let hasDefault: boolean;
    if (rest === "") hasDefault = false;
    else if (rest.startsWith("=")) hasDefault = true;
    else if (rest.startsWith(":")) hasDefault = findTopLevel(rest.slice(1), "=") !== -1;
    else return undefined;
    (hasDefault ? optional : required).push(key);
  }
  return { required, optional };
}

// A property key: a double- or single-quoted string, an identifier (which compilers such as
// esbuild may write with \uXXXX escapes), or a number.
const identifierStart = String.raw`(?:[\p{ID_Start}$_]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})`;
const identifierPart = String.raw`(?:[\p{ID_Continue}$\u200c\u200d]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})`;
const keyPattern = new RegExp(
  String.raw`^(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(${identifierStart}${identifierPart}*)|(\d[\w.]*))`,
  "u",
);

function decodeIdentifier(text: string): string {
  return text.replace(
    /\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})/g,
    (_match, braced: string | undefined, plain: string | undefined) =>
      String.fromCodePoint(Number.parseInt(braced ?? plain ?? "0", 16)),
  );
}

function unescapeString(text: string): string {
  try {
    return JSON.parse(`"${text.replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string;
  } catch {
    return text;
  }
}

// Returns the index of the `(` that opens the parameter list, or -1 for an arrow function whose
// single parameter has no parentheses (`x => …`).
function findParameterListStart(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const char = code[i];
    if (char === '"' || char === "'" || char === "`") {
      i = skipString(code, i);
    } else if (char === "[") {
      depth++;
    } else if (char === "]") {
      depth--;
    } else if (depth === 0 && char === "(") {
      return i;
    } else if (depth === 0 && char === "=" && code[i + 1] === ">") {
      return -1;
    }
  }
  return -1;
}

const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

// Returns the index of the bracket that closes the one at `open`, skipping strings and templates.
function findClosing(code: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const char = code[i] ?? "";
    if (char === '"' || char === "'" || char === "`") {
      i = skipString(code, i);
    } else if (char === "(" || char === "[" || char === "{") {
      stack.push(closers[char] ?? "");
    } else if (char === ")" || char === "]" || char === "}") {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

// Splits a list on the commas that are not nested in brackets, strings or templates.
function splitTopLevel(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const char = code[i];
    if (char === '"' || char === "'" || char === "`") i = skipString(code, i);
    else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") depth--;
    else if (char === "," && depth === 0) {
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(code.slice(start));
  return parts;
}

function findTopLevel(code: string, wanted: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const char = code[i];
    if (char === '"' || char === "'" || char === "`") i = skipString(code, i);
    else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") depth--;
    // `=>` inside a default value is not the default marker.
    else if (depth === 0 && char === wanted && code[i + 1] !== ">" && code[i + 1] !== "=" && code[i - 1] !== "=") return i;
  }
  return -1;
}

// Returns the index of the quote or backtick that closes the string starting at `start`.
function skipString(code: string, start: number): number {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i++) {
    const char = code[i];
    if (char === "\\") i++;
    else if (char === quote) return i;
    else if (quote === "`" && char === "$" && code[i + 1] === "{") {
      const end = findClosing(code, i + 1);
      if (end === -1) return code.length;
      i = end;
    }
  }
  return code.length;
}

// Removes comments, keeping strings, templates and regular expression literals intact.
function stripComments(source: string): string {
  let out = "";
  let previous = "";
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? "";
    const next = source[i + 1];
    if (char === '"' || char === "'" || char === "`") {
      const end = skipString(source, i);
      out += source.slice(i, end + 1);
      i = end;
      previous = char;
    } else if (char === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end - 1;
    } else if (char === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 1;
      out += " ";
    } else if (char === "/" && (previous === "" || "(,=:[!&|?{};".includes(previous))) {
      // A regular expression literal: copy it whole so that brackets inside it are not counted.
      let j = i + 1;
      let inClass = false;
      for (; j < source.length; j++) {
        const c = source[j];
        if (c === "\\") j++;
        else if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
      }
      out += source.slice(i, j + 1).replace(/[()[\]{}]/g, "_");
      i = j;
      previous = "/";
    } else {
      out += char;
      if (!/\s/.test(char)) previous = char;
    }
  }
  return out;
}
