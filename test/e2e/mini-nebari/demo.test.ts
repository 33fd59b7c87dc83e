// `npm run demo`, the README's first command after `npm ci`: it runs the example host end to end
// in a temporary folder. This runs the script as a user does and checks the lines that show each
// step worked.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cliTimeout, repo } from "./helpers.ts";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("npm run demo", { timeout: cliTimeout * 3 }, () => {
  it("is the package's demo script", () => {
    const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(manifest.scripts["demo"]).toBe("tsx examples/mini-nebari/demo.ts");
  });

  it("runs info, plugin list, validate, render, deploy, status, hello and destroy, and says so", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env["MINI_NEBARI_KEEP"];
    delete env["MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD"];
    const { stdout, stderr } = await run(npm, ["run", "--silent", "demo"], { cwd: repo, env, encoding: "utf8" });
    expect(stderr).toBe("");
    const project = /^Project folder: (\S+) \(removed at the end/m.exec(stdout)?.[1];
    expect(project).toBeDefined();

    // info: the stage order with the installed and imported plugins, and the shadowed built-in.
    expect(stdout).toMatch(/^ {4}25 +02-network +nebari-plugin-local-tls +entrypoint$/m);
    expect(stdout).toMatch(/^ {4}100 +hello_world +nebari-stage-hello-world +entrypoint$/m);
    expect(stdout).toMatch(/^ {4}900 +status-page +<repo>\/examples\/plugins\/nebari-plugin-status\/src\/index\.ts +import$/m);
    expect(stdout).toMatch(
      /^ {4}02-network {2}priority 20 from builtin:stages {2}overridden by nebari-plugin-local-tls \(priority 25\)$/m,
    );
    // plugin list
    expect(stdout).toMatch(
      /^ {4}nebari-subcommand-hello +entrypoint +nebari-subcommand-hello +0\.1\.0 +<repo>\/examples\/plugins\/nebari-subcommand-hello\/src\/index\.ts$/m,
    );
    // validate, render, deploy
    expect(stdout).toContain(
      "  mini-nebari-config.yaml is valid for 5 stages: 01-state, 02-network, 03-apps, hello_world, status-page",
    );
    expect(stdout).toMatch(/^ {2}Rendered 5 stages into \.: 5 new, 0 updated, 0 unchanged$/m);
    expect(stdout).toMatch(/^ {4}✓ \[5\/5\] status-page: check \(\d+ ms\)$/m);
    expect(stdout).toMatch(/^ {4}✓ \[4\/5\] hello_world: teardown \(\d+ ms\)$/m);
    expect(stdout).toContain(
      '    03-apps      {"endpoints":{"hub":"https://demo.local:8443/hub","dask":"https://demo.local:8443/dask"}}',
    );
    expect(stdout).toContain("  secrets/network.token\n");
    // the imported plugin's and the installed plugin's subcommands
    expect(stdout).toContain("  Project demo: 2 stages recorded\n");
    expect(stdout).toContain("$ mini-nebari hello --name Ada\n  Hello Ada\n");
    // destroy, last stage first
    expect(stdout).toMatch(
      /✓ \[5\/5\] status-page: destroy.*\n.*✓ \[4\/5\] hello_world: destroy.*\n.*✓ \[3\/5\] 03-apps: destroy.*\n.*✓ \[2\/5\] 02-network: destroy.*\n.*✓ \[1\/5\] 01-state: destroy/,
    );
    expect(stdout).toMatch(
      /Destroyed 5 stages\.\nFiles in the project folder \(6\):\n {2}hello_world\.txt\n {2}mini-nebari-config\.yaml\n/,
    );
    expect(stdout).toContain("Done: info, plugin list, validate, render, deploy, status, hello and destroy all succeeded.");
    // The temporary folder is gone.
    expect(() => readFileSync(join(project!, "mini-nebari-config.yaml"))).toThrow();
  });
});
