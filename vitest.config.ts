import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = fileURLToPath(new URL("./src/", import.meta.url));

// Three projects run the suite. "unit" compiles TypeScript's TC39 standard decorators (esbuild
// lowers them, Node 20 has none) and runs in seconds; "legacy-decorators" recompiles the decorator
// tests with `experimentalDecorators`, so both decorator modes are exercised on every run; "e2e"
// runs child processes (the example host's CLI, the packed tarball, the examples).
// CI sets HOOKSMITH_TEST_REPORT to also write vitest's JSON report, from which .ci/run prints the
// closing "N passed, N failed" line.
const report = process.env["HOOKSMITH_TEST_REPORT"];

export default defineConfig({
  // Examples and tests import the package by its public names; inside the repository those
  // resolve to the sources (tsconfig.json "paths" does the same for tsc and tsx).
  resolve: {
    alias: [
      { find: /^hooksmith$/, replacement: `${source}index.ts` },
      { find: /^hooksmith\/(.+)$/, replacement: `${source}$1/index.ts` },
      { find: /^#platform$/, replacement: `${source}platform/node.ts` },
    ],
  },
  test: {
    ...(report === undefined ? {} : { reporters: ["default", "json"], outputFile: { json: report } }),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/runtimes/**", "**/node_modules/**"],
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      {
        extends: true,
        esbuild: {
          tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
        },
        test: {
          name: "legacy-decorators",
          include: ["test/core/decorators/**/*.test.ts"],
        },
      },
      {
        // Child processes: the example host's CLI, the packed tarball, the runnable examples.
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
