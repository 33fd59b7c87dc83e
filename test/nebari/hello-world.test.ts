// The HelloWorldStage of design/API.md, end to end through the preset: a real TypeScript plugin
// file that imports from "hooksmith/nebari", loaded with --import-plugin and as an installed
// entry point, resolved once, rendered, deployed and destroyed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { hookimpl, NebariPluginManager, NebariStage, type StageOutputs } from "hooksmith/nebari";
import type { StageProgressEvent } from "hooksmith";
import { apiMdHelloWorldPlugin } from "../support/api-md-hello-world.ts";
import { makeTree, removeTrees } from "./helpers.ts";

afterAll(removeTrees);

const helloWorldPlugin = apiMdHelloWorldPlugin;

/** A stage after hello_world that records whether it sees HELLO while the deploy is open. */
class LaterStage extends NebariStage {
  static override stageName = "later";
  static override priority = 110;
  override deploy(stageOutputs: StageOutputs) {
    stageOutputs[this.name] = { sawHello: process.env["HELLO"] };
  }
}

let root: string;
beforeEach(async () => {
  delete process.env["HELLO"];
  root = await makeTree({
    "plugins/hello-world.ts": helloWorldPlugin,
    "packages/hello/package.json": {
      name: "nebari-stage-hello-world",
      version: "0.1.0",
      type: "module",
      entryPoints: { nebari: { "nebari-stage-hello-world": "./plugin.ts" } },
    },
    "packages/hello/plugin.ts": helloWorldPlugin,
    "node_modules/nebari-stage-hello-world": { symlink: "../packages/hello" },
    "out/.keep": "",
  });
});
afterEach(() => {
  delete process.env["HELLO"];
});

describe.each([
  [
    "imported with --import-plugin",
    { entryPoints: false, importPlugins: ["./plugins/hello-world.ts"] },
    "./plugins/hello-world.ts",
    "import",
  ],
  ["installed as an entry point", { entryPoints: true }, "nebari-stage-hello-world", "entrypoint"],
] as const)("the API.md HelloWorldStage %s", (_label, load, pluginName, source) => {
  it("renders its file, deploys with HELLO set for its check and later stages, unwinds, and destroys", async () => {
    const nebari = new NebariPluginManager({
      cwd: root,
      defaultPlugins: { "builtin:later": { nebari_stage: hookimpl(() => [LaterStage]) } },
    });
    await nebari.loadPlugins(load);
    nebari.checkPending();
    const run = await nebari.snapshotStages();
    expect(
      run.plan.order.map(({ name, priority, contributor }) => [name, priority, contributor.name, contributor.source]),
    ).toEqual([
      ["hello_world", 100, pluginName, source],
      ["later", 110, "builtin:later", "builtin"],
    ]);

    const outputDirectory = join(root, "out");
    const { config } = await run.validateConfig({});
    const report = await run.render({ config, outputDirectory });
    expect(report).toEqual({ new: ["hello_world.txt"], updated: [], unchanged: [], untracked: [".keep"], kept: [] });
    expect(await readFile(join(outputDirectory, "hello_world.txt"), "utf8")).toBe("File that says hello world");

    // The check throws unless HELLO is set, so a successful deploy means it saw it.
    const stageOutputs = await run.deploy({ config, outputDirectory });
    expect(stageOutputs).toEqual({ hello_world: { hello: "world" }, later: { sawHello: "WORLD" } });
    expect(process.env["HELLO"]).toBeUndefined();

    const events: StageProgressEvent[] = [];
    await expect(run.destroy({ config, outputDirectory, onProgress: (event) => events.push(event) })).resolves.toEqual({
      status: { hello_world: true, later: true },
      skipped: [],
    });
    expect(events.filter(({ type }) => type === "finish").map(({ phase, stage }) => `${phase} ${stage}`)).toEqual([
      "prepare hello_world",
      "prepare later",
      "destroy later",
      "destroy hello_world",
    ]);
  });
});
