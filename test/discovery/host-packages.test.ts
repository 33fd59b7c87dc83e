// Host sharing installs Node's module hooks only for a plugin file that needs them: hooks
// registered with module.register() stay for the life of the process and put every later
// import() of the host on Node's hooks thread (measured: 0.45 ms per import before, 0.94 ms after
// importing one plugin file). A plugin whose folder already resolves the host's own hooksmith
// (a workspace package, a plugins/ folder inside the host's project) gets it without them.
// The tests run in this order in one module instance: the first must see no hooks yet.
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PluginManager } from "../../src/index.ts";
import { moduleHooksInstalled } from "../../src/discovery/host-packages.ts";
import { esmPlugin, makeTree, removeTrees } from "./fixtures.ts";

afterAll(removeTrees);

// The package these sources belong to: hooksmith itself, as a host's node_modules/hooksmith.
const ownPackage = fileURLToPath(new URL("../..", import.meta.url));

describe("host sharing of plugin files", () => {
  it("installs no module hooks for a plugin whose folder resolves the host's hooksmith", async () => {
    const root = await makeTree({
      "node_modules/hooksmith": { symlink: ownPackage },
      "plugins/local.mjs": esmPlugin("local", 'export const greet = () => "hi";'),
    });
    const pm = new PluginManager("example");
    await expect(pm.importPlugin("./plugins/local.mjs", "local", { cwd: root })).resolves.toBe("local");
    expect((pm.getPlugin("local") as { id?: unknown }).id).toBe("local");
    expect(moduleHooksInstalled()).toBe(false);
  });

  it("installs them for a plugin whose folder has no hooksmith of its own", async () => {
    const root = await makeTree({ "scaffold/plugin.mjs": esmPlugin("scaffold") });
    const pm = new PluginManager("example");
    await expect(pm.importPlugin("./scaffold/plugin.mjs", "scaffold", { cwd: root })).resolves.toBe("scaffold");
    expect(moduleHooksInstalled()).toBe(true);
  });
});
