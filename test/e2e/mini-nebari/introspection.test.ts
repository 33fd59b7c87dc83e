// mini-nebari info and plugin list, run as real processes: the hooks and their plugins, the
// resolved stage order with priority and plugin, what was shadowed, and where every plugin came
// from (built-in, installed through npm workspaces, imported from a .ts file).
import { afterAll, describe, expect, it } from "vitest";
import { cliTimeout, mini, project, removeProjects, repo, statusPlugin } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

describe("mini-nebari info", { timeout: cliTimeout }, () => {
  it("shows the hooks with their plugins, the stage order with priority and plugin, and what was shadowed", async () => {
    const cwd = await project();
    const run = await mini(["--import-plugin", statusPlugin, "info"], { cwd });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    const shown = run.stdout.replaceAll(repo, "<repo>");
    expect(shown).toMatch(/^mini-nebari 0\.1\.0\n/);
    expect(shown).toMatch(
      /nebari_stage {7}builtin:stages, .*nebari-plugin-local-tls.*, <repo>\/examples\/plugins\/nebari-plugin-status\/src\/index\.ts/,
    );
    expect(shown).toMatch(
      /nebari_subcommand {2}builtin:commands, .*<repo>\/examples\/plugins\/nebari-plugin-status\/src\/index\.ts/,
    );
    expect(shown).toMatch(/priority +stage +plugin +source/);
    expect(shown).toMatch(/10 +01-state +builtin:stages +builtin/);
    expect(shown).toMatch(/25 +02-network +nebari-plugin-local-tls +entrypoint/);
    expect(shown).toMatch(/30 +03-apps +builtin:stages +builtin/);
    expect(shown).toMatch(/900 +status-page +<repo>\/examples\/plugins\/nebari-plugin-status\/src\/index\.ts +import/);
    expect(shown).toMatch(
      /Shadowed:\n {2}02-network {2}priority 20 from builtin:stages {2}overridden by nebari-plugin-local-tls \(priority 25\)\n/,
    );
    expect(shown).toContain("Excluded:\n  none\n");
  });

  it("shows only the built-ins when installed plugins are switched off", async () => {
    const run = await mini(["info"], { cwd: await project(), ...builtinOnly });
    expect(run.stdout).toContain("Hooks:\n  nebari_stage       builtin:stages\n  nebari_subcommand  builtin:commands\n");
    expect(run.stdout).toMatch(/20 +02-network +builtin:stages +builtin/);
    expect(run.stdout).toContain("Shadowed:\n  none\n");
  });
});

describe("mini-nebari plugin list", { timeout: cliTimeout }, () => {
  it("lists every plugin with its source, package, version and path", async () => {
    const cwd = await project();
    const run = await mini(["--import-plugin", statusPlugin, "plugin", "list"], { cwd });
    expect(run.exitCode).toBe(0);
    const rows = run.stdout
      .replaceAll(repo, "<repo>")
      .trimEnd()
      .split("\n")
      .map((line) => line.trim().split(/ {2,}/));
    expect(rows[0]).toEqual(["name", "source", "package", "version", "path"]);
    expect(rows).toContainEqual(["builtin:stages", "builtin", "-", "-", "-"]);
    expect(rows).toContainEqual(["builtin:commands", "builtin", "-", "-", "-"]);
    expect(rows).toContainEqual([
      "nebari-plugin-local-tls",
      "entrypoint",
      "nebari-plugin-local-tls",
      "0.2.0",
      "<repo>/examples/plugins/nebari-plugin-local-tls/src/index.ts",
    ]);
    // A file plugin gets the package and version of its nearest package.json.
    expect(rows).toContainEqual([
      "<repo>/examples/plugins/nebari-plugin-status/src/index.ts",
      "import",
      "nebari-plugin-status",
      "0.1.0",
      "<repo>/examples/plugins/nebari-plugin-status/src/index.ts",
    ]);
  });
});
