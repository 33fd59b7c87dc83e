import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = fileURLToPath(new URL("./src/", import.meta.url));

// Two projects run the suite: the default one compiles TypeScript's TC39 standard decorators
// (esbuild lowers them, Node 20 has none), the "legacy-decorators" one recompiles the decorator
// tests with `experimentalDecorators`, so both decorator modes are exercised on every run.
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
          name: "standard",
          include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
          exclude: ["test/legacy-decorators/**", "**/node_modules/**"],
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
          include: ["test/decorators/**/*.test.ts", "test/legacy-decorators/**/*.test.ts"],
        },
      },
    ],
  },
});
