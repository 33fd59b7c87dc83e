// The package build: bundled entry files and their declarations, ESM only. docs/architecture.md
// ("The build") says why tsdown and why these chunks.

import { defineConfig } from "tsdown";

// A source module (not one of the declaration modules that the dts step adds to the same graph)
// whose path under src/ matches `pattern`.
const source =
  (pattern: RegExp) =>
  (id: string): boolean => {
    const path = id.replaceAll("\\", "/");
    const at = path.lastIndexOf("/src/");
    return at !== -1 && !path.endsWith(".d.ts") && pattern.test(path.slice(at + 5));
  };

// The entries of package.json `exports`: only their declarations ship (see `publicDeclarations`).
const publicEntries = ["index", "nebari/index", "tapable/index", "testing/index", "otel/index"];

// Drops the `@example` blocks of the declarations' JSDoc: they are a tenth of the tarball, and the
// examples stay in the sources, the API reference (typedoc) and the guides. The summaries,
// parameters, results and throws stay for editors to show. Fence-aware, so that a decorator
// line such as `@hookimpl` inside an example does not end it.
function dropExamples(code: string): string {
  const kept: string[] = [];
  let inExample = false;
  let inFence = false;
  for (const line of code.split("\n")) {
    const body = /^\s*\*(?!\/)\s?(.*)$/.exec(line)?.[1];
    if (inExample) {
      if (body !== undefined && body.startsWith("```")) inFence = !inFence;
      const ends = body === undefined || (!inFence && /^@\w/.test(body) && !body.startsWith("```"));
      if (!ends) continue;
      inExample = false;
    }
    if (body !== undefined && /^@example\b/.test(body)) {
      inExample = true;
      inFence = false;
      continue;
    }
    kept.push(line);
  }
  return kept.join("\n");
}

// The declaration files that the public entries reach; the `#platform` bindings are private to
// the package, and no public type refers to them.
function publicDeclarations(bundle: Record<string, { type: string; imports?: readonly string[] }>): Set<string> {
  const reached = new Set<string>();
  const visit = (fileName: string): void => {
    const output = bundle[fileName];
    if (reached.has(fileName) || output === undefined) return;
    reached.add(fileName);
    for (const imported of output.imports ?? []) visit(imported);
  };
  for (const entry of publicEntries) visit(`${entry}.d.ts`);
  return reached;
}

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "nebari/index": "src/nebari/index.ts",
    "tapable/index": "src/tapable/index.ts",
    "testing/index": "src/testing/index.ts",
    "otel/index": "src/otel/index.ts",
    // The two bindings of `#platform`, which package.json "imports" names file by file.
    "platform/node": "src/platform/node.ts",
    "platform/default": "src/platform/default.ts",
  },
  format: "esm",
  platform: "neutral",
  target: "node20.19",
  tsconfig: "tsconfig.build.json",
  outDir: "dist",
  // Declarations from isolatedDeclarations (oxc), one bundle per entry; `npm run typecheck` checks the types.
  dts: true,
  sourcemap: false,
  hash: false,
  // `#platform` is resolved by the package's "imports" at run time (node or default binding);
  // tapable, tsx and @opentelemetry/api are optional peers.
  deps: { neverBundle: ["#platform", "tapable", "tsx", /^@opentelemetry\//, /^node:/] },
  plugins: [
    {
      name: "hooksmith:declarations",
      // Region comments name source files that are not shipped; the JavaScript keeps its own.
      renderChunk: (code, chunk) =>
        chunk.fileName.endsWith(".d.ts") ? dropExamples(code).replace(/^\/\/#(end)?region\b.*\n/gm, "") : null,
      generateBundle(_options, bundle) {
        const reached = publicDeclarations(bundle);
        for (const fileName of Object.keys(bundle)) {
          if (fileName.endsWith(".d.ts") && !reached.has(fileName)) delete bundle[fileName];
        }
      },
    },
  ],
  outputOptions: {
    chunkFileNames: "chunks/[name].js",
    // Consumers' bundlers keep reading /* @__PURE__ */ annotations; the API docs live in the .d.ts files.
    comments: { legal: true, annotation: true, jsdoc: false },
    codeSplitting: {
      groups: [
        // Everything `import("hooksmith")` needs, shared by every entry: one file to load.
        { name: "shared", test: source(/^((core|stages)\/[\w-]+|[a-z]+\/errors)\.ts$/), priority: 3 },
        { name: "nebari", test: source(/^nebari\//), priority: 2 },
        // Node-only, loaded through `#platform` on first use.
        { name: "discovery", test: source(/^discovery\//), priority: 1 },
      ],
    },
  },
});
