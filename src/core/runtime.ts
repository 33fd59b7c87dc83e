// What the core needs from the runtime it runs in, found at call time so that loading hooksmith
// touches no Node global: where warnings go by default, Node's built-in modules when the runtime
// has them (Node, Deno and Bun do), and the error a Node-only feature throws elsewhere.

import { HooksmithError } from "./errors.ts";

interface NodeLikeProcess {
  emitWarning?: (warning: Error) => void;
  getBuiltinModule?: (id: string) => unknown;
  cwd?: () => string;
}

function nodeProcess(): NodeLikeProcess | undefined {
  const candidate = (globalThis as { process?: unknown }).process;
  return typeof candidate === "object" && candidate !== null ? (candidate as NodeLikeProcess) : undefined;
}

/**
 * Node's `process`, or `undefined` in a runtime without it; for the few features that drive a
 * command-line program (the CLI harness).
 *
 * @internal
 */
export function currentProcess(): NodeJS.Process | undefined {
  return nodeProcess() as NodeJS.Process | undefined;
}

// Cloudflare Workers (workerd) define a Node-like `process` from compatibility date 2026-08-04 on,
// with no flag, but its emitWarning only emits the "warning" event, which nothing there prints: a
// warning sent there would vanish. Workers tell themselves apart by this navigator.userAgent, as
// Cloudflare documents.
function isCloudflareWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === "Cloudflare-Workers";
}

/**
 * The default `warn` of a manager: `process.emitWarning` where the runtime has it and prints what
 * it receives (Node, Deno, Bun), otherwise `console.warn` with the warning's name and message
 * (browsers, Cloudflare Workers).
 *
 * @internal
 */
export function defaultWarn(warning: Error): void {
  const process = nodeProcess();
  if (typeof process?.emitWarning === "function" && !isCloudflareWorkers()) process.emitWarning(warning);
  else console.warn(`${warning.name}: ${warning.message}`);
}

/**
 * One of Node's built-in modules, read synchronously through `process.getBuiltinModule` (Node
 * 20.16+, Deno, Bun), which no bundler follows; `undefined` in runtimes without them.
 *
 * @internal
 */
export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  const process = nodeProcess();
  return typeof process?.getBuiltinModule === "function" ? (process.getBuiltinModule(id) as T | undefined) : undefined;
}

/**
 * The error a Node-only feature (discovery, rendering files, locks, the stage and CLI harnesses)
 * throws in a runtime without Node's modules: a {@link HooksmithError} with code
 * `HOOKSMITH_UNSUPPORTED_RUNTIME` naming what needs Node.
 *
 * @internal
 */
export function unsupportedRuntime(feature: string): HooksmithError<"HOOKSMITH_UNSUPPORTED_RUNTIME"> {
  return new HooksmithError(
    `${feature} needs Node.js (or Deno or Bun): it reads files or loads modules, which this runtime cannot do`,
    { code: "HOOKSMITH_UNSUPPORTED_RUNTIME" },
  );
}

/**
 * Turns a `cwd` option (a path, a `file:` URL string or a `URL`) into an absolute path; the
 * default is the process's working directory. Without Node's modules a path is kept as given and
 * the default is `/`.
 *
 * @internal
 */
export function toDirectoryPath(cwd: string | URL | undefined): string {
  if (cwd !== undefined && !(cwd instanceof URL) && (typeof cwd !== "string" || cwd === "")) {
    throw new TypeError(`the cwd option must be a path or a file URL, got ${JSON.stringify(cwd)}`);
  }
  const path = nodeBuiltin<typeof import("node:path")>("node:path");
  const url = nodeBuiltin<typeof import("node:url")>("node:url");
  if (path === undefined || url === undefined) {
    if (cwd === undefined) return "/";
    return cwd instanceof URL ? decodeURIComponent(cwd.pathname) : cwd;
  }
  if (cwd === undefined) return nodeProcess()!.cwd!();
  if (cwd instanceof URL) return url.fileURLToPath(cwd);
  return path.resolve(cwd.startsWith("file:") ? url.fileURLToPath(cwd) : cwd);
}

/**
 * Loads the platform binding `#platform`: the Node-only features under Node, Deno and Bun (the
 * `node` condition of package.json `imports`), functions that throw
 * `HOOKSMITH_UNSUPPORTED_RUNTIME` elsewhere. Loaded on first use, so that importing hooksmith
 * loads none of it; each area types the part it uses.
 *
 * @internal
 */
export function loadPlatform<Binding>(): Promise<Binding> {
  return import("#platform") as Promise<Binding>;
}
