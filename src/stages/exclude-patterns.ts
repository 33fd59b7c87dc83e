import { StageExcludePatternError } from "./errors.ts";

/** One compiled exclusion pattern. Internal. */
export interface CompiledPattern {
  /** The pattern as given. */
  readonly pattern: string | RegExp;
  /** Tells whether a stage name is excluded by it. */
  readonly matches: (name: string) => boolean;
}

/**
 * Compiles `excludeStages`: a string is a regular expression that must match the whole name
 * (Python's `re.fullmatch`), a `RegExp` is used as it is. Internal.
 *
 * @param patterns - The `excludeStages` option.
 * @returns The compiled patterns, in order.
 * @throws {@link StageExcludePatternError} for the first entry that is not a valid pattern.
 */
export function compileExcludePatterns(patterns: unknown): CompiledPattern[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) throw new StageExcludePatternError(patterns, 0);
  return patterns.map((pattern: unknown, index): CompiledPattern => {
    if (pattern instanceof RegExp) {
      // `search` ignores the `g` / `y` flags and `lastIndex`, so a shared RegExp stays stateless.
      return { pattern, matches: (name) => name.search(pattern) !== -1 };
    }
    if (typeof pattern !== "string") throw new StageExcludePatternError(pattern, index);
    let compiled: RegExp;
    try {
      // Compile the pattern alone first: a pattern such as "a)|(b" is invalid on its own but
      // would turn valid, with another meaning, once wrapped in the anchoring group.
      new RegExp(pattern);
      compiled = new RegExp(`^(?:${pattern})$`);
    } catch (error) {
      throw new StageExcludePatternError(pattern, index, error);
    }
    return { pattern, matches: (name) => compiled.test(name) };
  });
}
