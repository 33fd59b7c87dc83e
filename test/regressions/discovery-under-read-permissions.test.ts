// Found by the runtime matrix (npm run test:runtimes): under Deno with read access to the project
// only (`deno run --allow-read=.`), `loadEntrypoints` rejected with Deno's NotCapable error,
// because discovery also looks in the node_modules folders of the project's ancestors, as Node
// resolution does, and treated the runtime's denial there as a failure, where it passes over a
// folder the file system does not let it read. `importPlugin` of a file in a folder without
// package.json failed the same way while looking for the nearest package.json. Node's own
// permission model (`--permission --allow-fs-read=<project>`) denies the same reads with
// ERR_ACCESS_DENIED, which lets this test reproduce it in plain Node: discovery runs in a child
// `node` limited to the project and the bundle of hooksmith.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { esmPlugin, makeTree, pluginPackage, removeTrees } from "../discovery/fixtures.ts";

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
// Node 20 spells the permission model --experimental-permission; later versions --permission.
const permissionFlag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
let bundleDir: string;
let bundle: string;

beforeAll(async () => {
  await mkdir(join(projectRoot, ".tmp"), { recursive: true });
  bundleDir = await mkdtemp(join(projectRoot, ".tmp", "read-permissions-"));
  bundle = join(bundleDir, "hooksmith.mjs");
  await build({
    entryPoints: [join(projectRoot, "src/index.ts")],
    outfile: bundle,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["tsx", "tsx/*"],
    logLevel: "silent",
  });
});

afterAll(async () => {
  await removeTrees();
  await rm(bundleDir, { recursive: true, force: true });
});

/**
 * Runs `body` in a child `node` whose permissions allow reading `readable` (and the bundle) only;
 * returns what it returns, or `{ rejected: code }` when it throws.
 */
async function withReadAccess(cwd: string, readable: string[], body: string): Promise<unknown> {
  const driver = join(cwd, "driver.mjs");
  await writeFile(
    driver,
    `import { PluginManager } from ${JSON.stringify(bundle)};\n` +
      `const pm = new PluginManager("example");\n` +
      `let result;\ntry { result = await (async () => {\n${body}\n})(); } catch (error) { result = { rejected: error.code ?? error.name }; }\n` +
      `process.stdout.write(JSON.stringify(result));\n`,
  );
  const flags = [permissionFlag, ...[driver, `${bundleDir}/`, ...readable].map((path) => `--allow-fs-read=${path}`)];
  const { stdout } = await run(process.execPath, [...flags, driver], { cwd });
  return JSON.parse(stdout);
}

describe("discovery with read access to the project only", () => {
  it("loadEntrypoints finds the project's plugins and passes over the ancestors it may not read", async () => {
    const root = await makeTree({
      "node_modules/plugin-a/package.json": pluginPackage("plugin-a", { a: "./index.js" }),
      "node_modules/plugin-a/index.js": esmPlugin("a"),
    });
    const result = await withReadAccess(root, [`${root}/`], `return [await pm.loadEntrypoints("example"), pm.hasPlugin("a")];`);
    expect(result).toEqual([1, true]);
  });

  it("importPlugin of a file outside any package passes over the ancestors it may not read", async () => {
    const root = await makeTree({ "plugins/p.mjs": esmPlugin("p") });
    const result = await withReadAccess(root, [`${root}/`], `return await pm.importPlugin("./plugins/p.mjs");`);
    expect(result).toBe("./plugins/p.mjs");
  });

  it("loadEntrypoints still rejects when the project's own node_modules may not be read", async () => {
    const root = await makeTree({
      "node_modules/plugin-a/package.json": pluginPackage("plugin-a", { a: "./index.js" }),
      "node_modules/plugin-a/index.js": esmPlugin("a"),
    });
    const result = await withReadAccess(root, [], `return await pm.loadEntrypoints("example");`);
    expect(result).toEqual({ rejected: "ERR_ACCESS_DENIED" });
  });
});
