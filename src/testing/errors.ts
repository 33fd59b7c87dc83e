import { HooksmithError } from "../core/errors.ts";

/**
 * The stable codes of {@link TestHarnessError}.
 *
 * - `HOOKSMITH_DISCOVERY_DISABLED`: a test manager was asked to discover installed plugins
 *   (`loadEntrypoints`); test managers only know the plugins given to them.
 * - `HOOKSMITH_HARNESS_DISPOSED`: a stage harness was used after it was disposed.
 * - `HOOKSMITH_TEARDOWN_DONE`: a deploy handle's `teardown()` or `fail()` was called again.
 * - `HOOKSMITH_INVALID_HARNESS_INPUT`: a helper got an argument it cannot use (no spec
 *   namespace, an unknown project, a malformed plugin list, a CLI host without `parseAsync`…).
 *
 * @example
 * ```ts
 * import type { TestHarnessErrorCode } from "hooksmith/testing";
 *
 * const code: TestHarnessErrorCode = "HOOKSMITH_DISCOVERY_DISABLED";
 * ```
 */
export type TestHarnessErrorCode =
  "HOOKSMITH_DISCOVERY_DISABLED" | "HOOKSMITH_HARNESS_DISPOSED" | "HOOKSMITH_TEARDOWN_DONE" | "HOOKSMITH_INVALID_HARNESS_INPUT";

/**
 * A `hooksmith/testing` helper was misused: discovery asked of a test manager, a harness used
 * after disposal, a teardown run twice, or an argument a helper cannot use.
 *
 * Errors of the code under test are never wrapped in it: they reach the test unchanged.
 *
 * @example
 * ```ts
 * import { createTestPluginManager, TestHarnessError } from "hooksmith/testing";
 *
 * const pm = createTestPluginManager("example");
 * await pm.loadEntrypoints("example").catch((error: unknown) => {
 *   if (error instanceof TestHarnessError) console.log(error.code); // HOOKSMITH_DISCOVERY_DISABLED
 * });
 * ```
 */
export class TestHarnessError extends HooksmithError<TestHarnessErrorCode> {
  /** The error class name, `"TestHarnessError"` (printed by `toString()` and in stack traces). */
  override name: string = "TestHarnessError";

  /**
   * @param message - What was misused, and how to fix it.
   * @param code - The stable code.
   */
  constructor(message: string, code: TestHarnessErrorCode) {
    super(message, { code });
  }
}
