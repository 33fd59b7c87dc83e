// mini-nebari's help and version, as a user sees them: the real CLI in a child process.
import { afterAll, describe, expect, it } from "vitest";
import { cliTimeout, mini, project, removeProjects, statusPlugin } from "./helpers.ts";

afterAll(removeProjects);

describe("mini-nebari --help", { timeout: cliTimeout }, () => {
  it("lists the global options and the host's commands", async () => {
    const cwd = await project();
    const run = await mini(["--help"], { cwd, autoload: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mini-nebari \[options\] \[command\]/);
    for (const option of ["--import-plugin <plugin>", "--exclude-stage <pattern>", "--exclude-default-stages", "-V, --version"]) {
      expect(run.stdout).toContain(option);
    }
    for (const command of ["validate", "render", "deploy", "destroy", "info", "plugin"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
    expect(run.stdout).not.toContain("Plugin commands:");
  });

  it("documents each command's options", async () => {
    const cwd = await project();
    const deploy = await mini(["deploy", "--help"], { cwd, autoload: false });
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toMatch(/-c, --config <file>\s+the config file \(default: "mini-nebari-config\.yaml"\)/);
    expect(deploy.stdout).toContain("--disable-checks");
    const render = await mini(["render", "--help"], { cwd, autoload: false });
    expect(render.stdout).toContain("--dry-run");
    const destroy = await mini(["destroy", "--help"], { cwd, autoload: false });
    expect(destroy.stdout).toContain("--disable-prompt");
    const plugin = await mini(["plugin", "--help"], { cwd, autoload: false });
    expect(plugin.stdout).toMatch(/list\s+List the plugins: name, source, package, version, path/);
  });

  it("lists the subcommands of an imported plugin under Plugin commands", async () => {
    const cwd = await project();
    const run = await mini(["--import-plugin", statusPlugin, "--help"], { cwd, autoload: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Plugin commands:\n {2}status \[options\]\s+Show what the state store records/);
  });

  it("prints the version", async () => {
    const run = await mini(["--version"], { cwd: await project(), autoload: false });
    expect(run).toMatchObject({ exitCode: 0, stdout: "0.1.0\n" });
  });

  it("rejects an unknown command with exit code 1 and a hint", async () => {
    const run = await mini(["deploi"], { cwd: await project(), autoload: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("error: unknown command 'deploi'");
    expect(run.stderr).toContain("(Did you mean deploy?)");
    expect(run.stderr).toContain("(run mini-nebari --help for the commands and options)");
  });

  it("rejects a global option without its value before loading anything", async () => {
    const run = await mini(["info", "--import-plugin"], { cwd: await project(), autoload: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: .*--import-plugin.* \[HOOKSMITH_STARTUP_ARGUMENT\]$/m);
  });
});
