import { defineConfig } from "vitest/config";

// Two projects run the suite: the default one compiles TypeScript's TC39 standard decorators
// (esbuild lowers them, Node 20 has none), the "legacy-decorators" one recompiles the decorator
// tests with `experimentalDecorators`, so both decorator modes are exercised on every run.
export default defineConfig({
  test: {
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
