// The core program of the runtime matrix (npm run test:runtimes): it exercises the portable core of
// hooksmith through its public API and prints one line per observation. Every runtime must print
// the golden transcript (test/runtimes/expected/core-program.txt); only the lines documented there
// as runtime-specific may differ. Plain JavaScript, so that Node, Deno and Bun load it unbundled
// from the installed package, and esbuild bundles it for workerd and Chromium as it is.
import {
  HookCallError,
  HookimplMarker,
  HooksmithError,
  HookspecMarker,
  HooksmithWarning,
  NebariStage,
  PluginManager,
  resolveStages,
} from "hooksmith";

const hookspec = HookspecMarker("runtimes");
const hookimpl = HookimplMarker("runtimes");

// Calls of one hook beyond the number after which the core compiles a call plan with
// `new Function`: where code generation is forbidden, the same calls run through the loop.
const hotCalls = 300;

const specs = {
  greet: hookspec(({ name }) => [name]),
  pick: hookspec({ firstresult: true })(({ options }) => options[0]),
  configure: hookspec({ historic: true })(({ config }) => config),
  fetchGreeting: hookspec(({ name }) => name),
  notify: hookspec(({ message, level }) => [message, level]),
  legacy: hookspec({ warnOnImpl: new HooksmithWarning("the legacy hook is deprecated: implement greet") })(() => undefined),
  risky: hookspec(({ value }) => value),
  origin: hookspec(() => undefined),
};

const thrown = new Error("boom");

const alpha = {
  greet: hookimpl(({ name }) => `alpha greets ${name}`),
  pick: hookimpl(({ options }) => options.find((option) => option.startsWith("a"))),
  configure: hookimpl(({ config }) => `alpha configured for ${config.mode}`),
  fetchGreeting: hookimpl(async ({ name }) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return `alpha fetched ${name}`;
  }),
  notify: hookimpl(({ message }) => `alpha noted ${message}`),
  risky: hookimpl(({ value }) => {
    if (value < 0) throw thrown;
    return value * 2;
  }),
};

const beta = {
  greet: hookimpl({ tryfirst: true })(({ name }) => `beta greets ${name}`),
  pick: hookimpl(({ options }) => options.find((option) => option.startsWith("b"))),
  fetchGreeting: hookimpl(({ name }) => `beta answered ${name} at once`),
};

const newStyleWrapper = {
  greet: hookimpl({ wrapper: true })(function* ({ name }) {
    const results = yield;
    return [...results, `new-style wrapper saw ${results.length} results for ${name}`];
  }),
  fetchGreeting: hookimpl({ wrapper: true })(async function* ({ name }) {
    await Promise.resolve();
    const results = yield;
    return [`async wrapper for ${name}: ${results.join(" | ")}`];
  }),
  risky: hookimpl({ wrapper: true })(function* ({ value }) {
    try {
      return yield;
    } catch (error) {
      return `wrapper recovered ${value} from ${error.message} (same object: ${error === thrown})`;
    }
  }),
};

const oldStyleWrapper = {
  greet: hookimpl({ hookwrapper: true })(function* () {
    const outcome = yield;
    outcome.forceResult(outcome.getResult().map((line) => line.toUpperCase()));
  }),
  fetchGreeting: hookimpl({ hookwrapper: true })(function* () {
    const outcome = yield;
    outcome.forceResult([...outcome.getResult(), "old-style wrapper was here"]);
  }),
};

class NetworkStage extends NebariStage {
  static stageName = "network";
  static priority = 20;
}
class ClusterStage extends NebariStage {
  static stageName = "cluster";
  static priority = 10;
}
class ClusterOverride extends NebariStage {
  static stageName = "cluster";
  static priority = 30;
}

const json = (value) => JSON.stringify(value);

/**
 * Runs the program, handing each line of its transcript to `print`.
 *
 * @param {(line: string) => void} print
 * @returns {Promise<void>}
 */
export async function coreProgram(print) {
  const warnings = captureDefaultWarnings();

  const pm = new PluginManager("runtimes");
  pm.addHookspecs(specs);
  pm.register(alpha, "alpha");
  pm.register(beta, "beta");
  pm.register(newStyleWrapper, "new-style");
  pm.register(oldStyleWrapper, "old-style");
  print(`plugins: ${json(pm.listNamePlugin().map(([name]) => name))}`);
  print(`greet call order: ${json([...pm.hook.greet.getHookimpls()].reverse().map((impl) => impl.pluginName))}`);

  // Synchronous calls, through both wrapper styles.
  print(`greet: ${json(pm.hook.greet({ name: "ada" }))}`);
  const first = json(pm.hook.greet({ name: "hot" }));
  let same = 0;
  for (let i = 0; i < hotCalls; i++) if (json(pm.hook.greet({ name: "hot" })) === first) same++;
  print(`greet called ${hotCalls} more times: ${same} identical results`);

  // firstresult: the first implementation in call order that answers wins.
  print(`pick: ${json(pm.hook.pick({ options: ["apple", "banana"] }))}`);
  print(`pick with no answer: ${json(pm.hook.pick({ options: ["cherry"] }))}`);
  let picks = 0;
  for (let i = 0; i < hotCalls; i++) if (pm.hook.pick({ options: ["banana", "apple"] }) === "banana") picks++;
  print(`pick called ${hotCalls} times: ${picks} answered banana`);

  // An implementation's error reaches the wrapper, then the caller, as the same object.
  print(`risky: ${json(pm.hook.risky({ value: 21 }))}`);
  print(`risky failing: ${json(pm.hook.risky({ value: -1 }))}`);
  pm.unregister(undefined, "new-style");
  try {
    pm.hook.risky({ value: -1 });
    print("risky without wrapper: no error");
  } catch (error) {
    print(`risky without wrapper threw: ${error.message} (same object: ${error === thrown})`);
  }
  pm.register(newStyleWrapper, "new-style");

  // A call that lacks an argument an implementation needs.
  try {
    pm.hook.greet({});
  } catch (error) {
    print(`greet without name: ${error instanceof HookCallError} ${error.code}: ${error.message}`);
  }

  // Asynchronous calls: promises, an async generator wrapper and an old-style wrapper.
  print(`fetchGreeting: ${json(await pm.hook.fetchGreeting.callAsync({ name: "grace" }))}`);

  // Historic: the call is recorded and replayed to plugins registered later.
  pm.hook.configure.callHistoric({
    kwargs: { config: { mode: "dev" } },
    resultCallback: (result) => print(`configure result: ${result}`),
  });
  print("registering gamma");
  pm.register({ configure: hookimpl(({ config }) => `gamma configured for ${config.mode} (replayed)`) }, "gamma");

  // Monitoring sees every call until undone.
  const undo = pm.addHookcallMonitoring(
    (hookName, impls, kwargs) => print(`before ${hookName} ${json(impls.map((impl) => impl.pluginName))} ${json(kwargs)}`),
    (outcome, hookName) => print(`after ${hookName}: ${json(outcome.getResult())}`),
  );
  pm.hook.pick({ options: ["avocado", "blueberry"] });
  await pm.hook.fetchGreeting.callAsync({ name: "monitored" });
  undo();
  pm.hook.pick({ options: ["avocado"] });
  print("monitoring undone");

  // Warnings through the default `warn`: a call lacking a spec argument, and a spec's warnOnImpl.
  print(`notify: ${json(pm.hook.notify({ message: "disk almost full" }))}`);
  pm.register({ legacy: hookimpl(() => "delta implements legacy") }, "delta");
  // process.emitWarning delivers its "warning" event on a later tick: wait for it, then print what
  // arrived in the order it was emitted, so that every runtime prints these lines at one place.
  await new Promise((resolve) => setTimeout(resolve, 10));
  for (const line of warnings.stop()) print(line);

  // Stage resolution is part of the portable core.
  const stages = resolveStages([NetworkStage, ClusterStage, ClusterOverride]);
  print(`stages: ${json(stages.map((stage) => `${stage.stageName}@${stage.priority}`))}`);

  // Environment line: whether this runtime lets the core compile call plans.
  print(`code generation from strings: ${codeGeneration()}`);

  // A Node-only feature: loads an installed plugin under Node, Deno and Bun, rejects elsewhere.
  try {
    const count = await pm.loadEntrypoints("hooksmith-runtimes");
    print(`loadEntrypoints: registered ${count} plugin(s); origin: ${json(pm.hook.origin())}`);
  } catch (error) {
    const kind = error instanceof HooksmithError ? "HooksmithError" : (error?.constructor?.name ?? typeof error);
    print(`loadEntrypoints: rejected with ${kind} ${error?.code}: ${error?.message}`);
  }
  print("done");
}

function codeGeneration() {
  try {
    return new Function("return 'allowed'")();
  } catch (error) {
    return `forbidden (${error?.name})`;
  }
}

// Records the warnings that reach the default `warn`, and through which channel: Node's
// process.emitWarning (observed through the process "warning" event) or console.warn.
function captureDefaultWarnings() {
  const lines = [];
  const print = (line) => lines.push(line);
  const stops = [];
  const process = globalThis.process;
  if (typeof process?.on === "function" && typeof process.emitWarning === "function") {
    const listener = (warning) => {
      if (warning instanceof HooksmithWarning) print(`warning via process.emitWarning: ${warning.name}: ${warning.message}`);
    };
    process.on("warning", listener);
    stops.push(() => process.off("warning", listener));
  }
  const original = console.warn;
  console.warn = (...args) => {
    print(`warning via console.warn: ${args.join(" ")}`);
    original.apply(console, args);
  };
  stops.push(() => {
    console.warn = original;
  });
  return {
    stop() {
      for (const stop of stops) stop();
      return lines;
    },
  };
}
