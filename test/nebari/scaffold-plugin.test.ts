// The subcommand scaffold of nebari-dev/nebari-plugin-examples, ported to hooksmith/nebari
// (fixtures/scaffold-plugin.ts): nested groups and a help panel through `cli.group`, tested the
// way its own test_subcommand_defaults.py tests it (the CLI built with an explicit plugin list,
// run with arguments, exit code and output checked), with hooksmith/testing and on mini-nebari.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { hookimpl, PluginHookError, SubcommandConflictError, SubcommandError, type SubcommandCli } from "hooksmith/nebari";
import { createNebariCliHost, runCli } from "hooksmith/testing";
import { createProgram } from "mini-nebari";
import * as scaffold from "./fixtures/scaffold-plugin.ts";
import { tempDirectory } from "./helpers.ts";

const plugins = { "nebari-subcommand-scaffold": scaffold };
const host = createNebariCliHost({ program: () => new Command("nebari") });
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function outputDirectory(): Promise<string> {
  const { path, remove } = await tempDirectory();
  cleanups.push(remove);
  return path;
}

describe("nebari-plugin-examples' scaffold plugin on a hooksmith/testing host", () => {
  it.each([
    [["--help"], ["scaffold"]],
    [["scaffold", "--help"], ["plugin"]],
    [
      ["scaffold", "plugin", "--help"],
      ["stage", "subcommand"],
    ],
    [
      ["scaffold", "plugin", "stage", "--help"],
      ["name", "priority"],
    ],
    [["scaffold", "plugin", "subcommand", "--help"], ["name"]],
  ])("test_subcommand_defaults: %j exits 0 and shows %j", async (args, contents) => {
    const result = await runCli(host, args, { plugins });
    expect(result.exitCode).toBe(0);
    for (const content of contents) expect(result.stdout).toContain(content);
  });

  it("test_subcommand_defaults: a group without its command, and a command without its arguments, are usage errors", async () => {
    // Typer exits 2 with "Missing command" / "Missing argument"; commander exits 1 with the
    // group's help / "missing required argument".
    const group = await runCli(host, ["scaffold"], { plugins });
    expect(group.exitCode).toBe(1);
    expect(group.stderr).toContain("Usage: nebari scaffold [options] [command]");
    const nested = await runCli(host, ["scaffold", "plugin"], { plugins });
    expect(nested.exitCode).toBe(1);
    expect(nested.stderr).toMatch(/stage \[options\] <name> <priority>\s+Nebari stage type plugin\./);
    for (const command of ["stage", "subcommand"]) {
      // commander checks required options before arguments.
      const missing = await runCli(host, ["scaffold", "plugin", command], { plugins });
      expect(missing.exitCode).toBe(1);
      expect(missing.stderr).toContain("error: required option '-o, --out <dir>' not specified");
      const withOut = await runCli(host, ["scaffold", "plugin", command, "-o", "."], { plugins });
      expect(withOut.exitCode).toBe(1);
      expect(withOut.stderr).toContain("error: missing required argument 'name'");
    }
  });

  it("lists scaffold in the Additional Commands help panel (rich_help_panel), with its help text", async () => {
    const result = await runCli(host, ["--help"], { plugins });
    expect(result.stdout).toMatch(
      /Additional Commands:\n {2}scaffold\s+Generate standard file\/folder content for various Nebari\s+components\./,
    );
    const group = await runCli(host, ["scaffold", "--help"], { plugins });
    expect(group.stdout).toMatch(/plugin\s+Generate standard project structure for a Nebari plugin\./);
  });

  it("runs scaffold plugin stage with a case-insensitive --type", async () => {
    const out = await outputDirectory();
    const result = await runCli(host, ["scaffold", "plugin", "stage", "hello", "50", "-o", out, "-t", "TERRAFORM"], { plugins });
    expect(result).toMatchObject({ exitCode: 0, stdout: "Terraform Stage plugin: Name - hello, Priority - 50\n", stderr: "" });
    const byDefault = await runCli(host, ["scaffold", "plugin", "stage", "hello", "50", "-o", out], { plugins });
    expect(byDefault.stdout).toBe("Generic Stage plugin: Name - hello, Priority - 50\n");
    const wrong = await runCli(host, ["scaffold", "plugin", "stage", "hello", "50", "-o", out, "-t", "ansible"], { plugins });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain("Allowed choices are default, terraform, helm.");
  });

  it("writes a new subcommand plugin with scaffold plugin subcommand, overwriting only with --force", async () => {
    const out = await outputDirectory();
    const first = await runCli(host, ["scaffold", "plugin", "subcommand", "MyGreeter", "-o", out], { plugins });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe(
      `Attempting to generate Nebari subcommand scaffold MyGreeter...\nSuccessfully generated Nebari my_greeter subcommand plugin scaffold to ${out}.\n`,
    );
    const packageJson = JSON.parse(await readFile(join(out, "my_greeter", "package.json"), "utf8")) as {
      entryPoints: Record<string, Record<string, string>>;
    };
    expect(packageJson.entryPoints).toEqual({ nebari: { "my-greeter": "./src/index.ts" } });
    expect(await readFile(join(out, "my_greeter", "src", "index.ts"), "utf8")).toContain('cli.command("my_greeter"');
    expect(await readFile(join(out, "my_greeter", "src", "my_greeter.test.ts"), "utf8")).toContain("createNebariCliHost");

    const again = await runCli(host, ["scaffold", "plugin", "subcommand", "MyGreeter", "-o", out], { plugins });
    expect(again.exitCode).toBe(1);
    expect((again.error as Error).message).toContain("already exists; pass --force to overwrite it");
    const forced = await runCli(host, ["scaffold", "plugin", "subcommand", "MyGreeter", "-o", out, "--force"], { plugins });
    expect(forced.exitCode).toBe(0);
  });
});

describe("nebari-plugin-examples' scaffold plugin next to other plugins", () => {
  const helmStage = {
    nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
      cli
        .group("scaffold")
        .group("plugin")
        .command("helm-chart", (command) =>
          command.description("Helm chart plugin (from another plugin)").action(() => console.log("helm chart")),
        );
    }),
  };

  it("lets another plugin add a command to its group, attributed to that plugin", async () => {
    const both = { ...plugins, "helm-extension": helmStage };
    const help = await runCli(host, ["scaffold", "plugin", "--help"], { plugins: both });
    expect(help.stdout).toMatch(/helm-chart\s+Helm chart plugin \(from another plugin\)/);
    const run = await runCli(host, ["scaffold", "plugin", "helm-chart"], { plugins: both });
    expect(run).toMatchObject({ exitCode: 0, stdout: "helm chart\n" });
  });

  it("reports another plugin that adds scaffold plugin stage too, naming both", async () => {
    const clash = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        cli
          .group("scaffold")
          .group("plugin")
          .command("stage", (command) => command.action(() => undefined));
      }),
    };
    const error = await runCli(host, ["--help"], { plugins: { ...plugins, "stage-clash": clash } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SubcommandConflictError);
    expect((error as SubcommandConflictError).conflicts).toEqual([
      { kind: "command", name: "stage", path: ["scaffold", "plugin"], plugins: ["nebari-subcommand-scaffold", "stage-clash"] },
    ]);
    expect((error as Error).message).toContain(
      'subcommand "scaffold plugin stage" is added by plugins "nebari-subcommand-scaffold" and "stage-clash"',
    );
  });

  it("reports another plugin that describes the scaffold group too", async () => {
    const redescribe = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        cli.group("scaffold", { define: (group) => group.description("mine") });
      }),
    };
    await expect(runCli(host, ["--help"], { plugins: { ...plugins, redescribe } })).rejects.toThrow(
      'group "scaffold" is configured by plugins "nebari-subcommand-scaffold" and "redescribe"',
    );
  });

  it("names the plugin whose nested command fails to define, with the command's whole path", async () => {
    const broken = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        cli
          .group("scaffold")
          .group("plugin")
          .command("broken", (command) => command.option("-o, --out <dir>").option("-o, --other <dir>"));
      }),
    };
    const error = await runCli(host, ["--help"], { plugins: { ...plugins, broken } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubcommandError);
    expect(error).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
      pluginName: "broken",
      commandName: "scaffold plugin broken",
    });
  });
});

describe("root options and callbacks (Typer's root callback), when the host exposes them", () => {
  // Nebari's root callback: `-l/--log-level` set before any subcommand runs.
  const logLevel = {
    nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
      cli.option("-l, --log-level <level>", "the log level", { defaultValue: "info" });
      cli.configure((program) =>
        program.hook("preAction", (root) => console.log(`log level ${root.opts<{ logLevel: string }>().logLevel}`)),
      );
    }),
  };

  it("adds the option to the root command and runs the callback before the plugin's command", async () => {
    const exposing = createNebariCliHost({
      program: () => new Command("nebari"),
      expose: { rootOptions: true, configureRoot: true },
    });
    const both = { ...plugins, "log-level": logLevel };
    const result = await runCli(exposing, ["-l", "debug", "scaffold", "plugin", "stage", "x", "1", "-o", "."], {
      plugins: both,
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: "log level debug\nGeneric Stage plugin: Name - x, Priority - 1\n" });
    const help = await runCli(exposing, ["--help"], { plugins: both });
    expect(help.stdout).toMatch(/-l, --log-level <level>\s+the log level \(default: "info"\)/);
  });

  it("refuses them on a host that does not expose them, naming the plugin", async () => {
    const error = await runCli(host, ["--help"], { plugins: { "log-level": logLevel } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PluginHookError);
    expect(error).toMatchObject({ pluginName: "log-level" });
    expect((error as Error).cause).toMatchObject({
      name: "SubcommandError",
      code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED",
      pluginName: "log-level",
    });
    expect(((error as Error).cause as Error).message).toMatchInlineSnapshot(
      `"Plugin "log-level" added root option "-l, --log-level <level>", but this host does not let plugins add options to the root command; add it to one of the plugin's own subcommands"`,
    );
  });
});

describe("nebari-plugin-examples' scaffold plugin on mini-nebari, the example host", () => {
  it("shows scaffold in its own help panel next to the host's and other plugins' commands, and runs it", async () => {
    const help = await runCli(createProgram, ["--help"], { plugins });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Additional Commands:\n {2}scaffold\s+Generate standard file\/folder content/);
    expect(help.stdout).toMatch(/Commands:\n {2}validate/);
    const run = await runCli(createProgram, ["scaffold", "plugin", "stage", "x", "7", "-o", ".", "-t", "helm"], { plugins });
    expect(run).toMatchObject({ exitCode: 0, stdout: "Helm Stage plugin: Name - x, Priority - 7\n" });
  });
});
