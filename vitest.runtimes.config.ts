import { defineConfig } from "vitest/config";

// The runtime matrix (`npm run test:runtimes`, docs/runtimes.md): the core program on Node 20.19,
// 22 and 24, Deno, Bun, workerd and headless Chromium, against the built and packed package. It
// downloads runtime binaries and starts browsers, so `npm test` does not run it; CI runs it as a
// step of its own. No aliases here: the program imports the installed package, never src/.
// CI sets HOOKSMITH_TEST_REPORT to also write vitest's JSON report, counted in the closing line.
const report = process.env["HOOKSMITH_TEST_REPORT"];

export default defineConfig({
  test: {
    ...(report === undefined ? {} : { reporters: ["default", "json"], outputFile: { json: report } }),
    projects: [
      {
        test: {
          name: "runtimes",
          include: ["test/runtimes/**/*.test.ts"],
          // One runtime at a time: the machine has two cores, and Chromium and workerd are heavy.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
