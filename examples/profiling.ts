// Profiling a host's hooks with profileHooks (docs/observability.md), runnable:
//   npx tsx examples/profiling.ts               # prints what ran
//   npx tsx examples/profiling.ts <folder>      # also writes profile.json (a Chrome trace) and profile.svg there
//
// A build hook with a timing wrapper, an async compiler that calls two other hooks (a
// firstresult `resolve` and an async `lint`, one of whose plugins fails), and an assets plugin;
// the build runs once awaited (callAsync) and once in parallel (callParallel).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HookimplMarker, HookspecMarker, PluginManager, profileHooks, renderFlameChart } from "hooksmith";

const hookspec = HookspecMarker("builder");
const hookimpl = HookimplMarker("builder");

const specs = {
  build: hookspec(async ({ target }: { target: string }): Promise<string> => target),
  resolve: hookspec({ firstresult: true })(({ name }: { name: string }): string => name),
  lint: hookspec(async ({ file }: { file: string }): Promise<string[]> => [file]),
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Synchronous work that takes about `ms`. */
const work = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

const pm = new PluginManager<typeof specs>("builder");
pm.addHookspecs(specs);
pm.register({ resolve: hookimpl(({ name }: { name: string }) => (work(1), `./node_modules/${name}`)) }, "node-resolver");
pm.register(
  {
    resolve: hookimpl(
      ({ name }: { name: string }) => (work(0.5), name.startsWith("@app/") ? `./src/${name.slice(5)}` : undefined),
    ),
  },
  "alias-resolver",
);
pm.register(
  { lint: hookimpl(async ({ file }: { file: string }) => (await sleep(2), Promise.reject(new Error(`${file}: tabs`)))) },
  "style-linter",
);
pm.register({ lint: hookimpl(async ({ file }: { file: string }) => (await sleep(4), [`${file}: ok`])) }, "linter");
pm.register(
  {
    build: hookimpl(async ({ target }: { target: string }) => {
      work(2);
      const entry = pm.hook.resolve({ name: "@app/main" });
      pm.hook.resolve({ name: "lodash" });
      await sleep(3);
      const warnings = await pm.hook.lint.callAsync({ file: entry ?? target }).catch((error: Error) => [error.message]);
      return `${target}: compiled (${warnings.length} lint messages)`;
    }),
  },
  "compiler",
);
pm.register(
  { build: hookimpl(async ({ target }: { target: string }) => (await sleep(6), `${target}: assets copied`)) },
  "assets",
);
pm.register(
  {
    build: hookimpl({ wrapper: true })(function* timing(): Generator<undefined, string[], string[]> {
      work(0.5);
      const results = yield;
      work(0.5);
      return results;
    }),
  },
  "timing",
);

const profiler = profileHooks(pm);
await pm.hook.build.callAsync({ target: "web" });
await pm.hook.build.callParallel({ target: "web" });
const report = profiler.stop();

// Timings vary from run to run; what ran does not.
for (const row of [...report.implementations].sort((a, b) => `${a.hook} ${a.plugin}`.localeCompare(`${b.hook} ${b.plugin}`))) {
  console.log(`${row.hook} ${row.plugin}${row.wrapper ? " (wrapper)" : ""}: ${row.calls} calls, ${row.errors} errors`);
}
const folder = process.argv[2];
if (folder !== undefined) {
  const trace = report.toChromeTrace({ processName: "examples/profiling.ts" });
  await writeFile(join(folder, "profile.json"), JSON.stringify(trace));
  await writeFile(join(folder, "profile.svg"), renderFlameChart(trace, { width: 1100 }));
  console.error(report.toTable());
}

// Output:
// build assets: 2 calls, 0 errors
// build compiler: 2 calls, 0 errors
// build timing (wrapper): 2 calls, 0 errors
// lint linter: 2 calls, 0 errors
// lint style-linter: 2 calls, 2 errors
// resolve alias-resolver: 4 calls, 0 errors
// resolve node-resolver: 2 calls, 0 errors
