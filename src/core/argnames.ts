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
  const next = reader(source);
  // The parameter list opens at the first `(` outside brackets (a computed method name may make
  // calls); an arrow function whose one parameter has no parentheses has none.
  for (let depth = 0, token = next(); token !== "(" || depth > 0; token = next()) {
    if (token === undefined || (token === "=>" && depth === 0)) return undefined;
    if (token === "[") depth++;
    else if (token === "]") depth--;
  }
  const first = split(next, ")")?.[0];
  if (first === undefined) return undefined;
  if (first.length === 0) return { required: [], optional: [] };
  if (first[0] !== "{") return undefined;
  let at = 1;
  const properties = split(() => first[at++], "}");
  if (properties === undefined) return undefined;
  const required: string[] = [];
  const optional: string[] = [];
  for (const [key, marker, ...value] of properties) {
    if (key === undefined || key === "...") continue;
    let name: string;
    if (key[0] === '"' || key[0] === "'") name = unescapeString(key.slice(1, -1));
    else if (/^\d/.test(key)) name = String(Number(key));
    else if (/^[\w$\\]|^[^\0-\x7f]/.test(key)) name = decodeIdentifier(key);
    else return undefined;
    // After `:` comes the target (a name or a nested pattern), then its default after a `=`.
    if (marker === undefined) required.push(name);
    else if (marker === "=") optional.push(name);
    else if (marker === ":") (hasTopLevel(value, "=") ? optional : required).push(name);
    else return undefined;
  }
  return { required, optional };
}

// One token of a function's source: whitespace, a comment, a string, a number, a word (an
// identifier, which compilers such as esbuild may write with \uXXXX escapes), or a punctuator;
// `=` alone is a token of its own, apart from `=>`, `==`, `<=` and the like.
const tokenPattern =
  /\s+|\/\/.*|\/\*[^]*?(?:\*\/|$)|"(?:[^"\\]|\\[^])*"?|'(?:[^'\\]|\\[^])*'?|\d[\w.]*|(?:[\w$]|[^\0-\x7f\s]|\\u(?:[\da-fA-F]{4}|\{[\da-fA-F]+\}))+|=>|\.\.\.|[=!<>]=+|[^]/y;
// A regular expression literal, read where a `/` cannot be a division.
const regexPattern = /\/(?:[^/\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])*\/[\w$]*/y;

// Returns a function that gives the source's tokens one by one, without whitespace and comments,
// a template or regular expression literal as one token; `undefined` at the end.
function reader(source: string): () => string | undefined {
  let at = 0;
  let previous = "";
  const next = (): string | undefined => {
    for (;;) {
      if (at >= source.length) return undefined;
      tokenPattern.lastIndex = at;
      let token = tokenPattern.exec(source)![0];
      at = tokenPattern.lastIndex;
      if (/^(?:\s|\/[/*])/.test(token)) continue;
      if (token === "`") {
        while (at < source.length) {
          const char = source[at++];
          if (char === "\\") at++;
          else if (char === "`") break;
          else if (char === "$" && source[at] === "{") {
            at++;
            for (let depth = 1; depth > 0;) {
              const inner = next();
              if (inner === undefined) break;
              if (inner === "{") depth++;
              else if (inner === "}") depth--;
            }
          }
        }
        token = "`";
      } else if (token === "/" && "(,=:[!&|?{};".includes(previous.slice(-1) || "(")) {
        regexPattern.lastIndex = at - 1;
        if (regexPattern.test(source)) {
          token = "/regex/";
          at = regexPattern.lastIndex;
        }
      }
      previous = token;
      return token;
    }
  };
  return next;
}

// Reads tokens up to `close` at the top level and splits them on the top-level commas;
// `undefined` when the tokens end before `close`.
function split(next: () => string | undefined, close: string): string[][] | undefined {
  const parts: string[][] = [[]];
  for (let depth = 0, token = next(); ; token = next()) {
    if (depth === 0 && token === close) return parts;
    if (token === undefined) return undefined;
    if (depth === 0 && token === ",") parts.push([]);
    else {
      if ("([{".includes(token)) depth++;
      else if (")]}".includes(token)) depth--;
      parts[parts.length - 1]!.push(token);
    }
  }
}

function hasTopLevel(tokens: readonly string[], wanted: string): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (depth === 0 && token === wanted) return true;
    if ("([{".includes(token)) depth++;
    else if (")]}".includes(token)) depth--;
  }
  return false;
}

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
