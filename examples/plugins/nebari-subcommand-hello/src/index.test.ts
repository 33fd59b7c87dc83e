// The hello subcommand plugin, tested with hooksmith/testing only: a minimal nebari host built
// with an explicit plugin list, run with argv, output and exit code captured.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { hookimpl, NebariHookspecs, type SubcommandCli } from "hooksmith/nebari";
import { createNebariCliHost, runCli, validatePlugin } from "hooksmith/testing";
import * as plugin from "./index.ts";

const plugins = { "nebari-subcommand-hello": plugin };
const host = createNebariCliHost({ program: () => new Command("nebari") });

describe("nebari-subcommand-hello", () => {
  it("registers on a nebari host without any problem", () => {
    expect(validatePlugin(NebariHookspecs, plugin, { name: "nebari-subcommand-hello" })).toEqual([]);
  });

  it("greets the name it is given", async () => {
    const result = await runCli(host, ["hello", "--name", "Ada"], { plugins });
    expect(result).toMatchObject({ exitCode: 0, stdout: "Hello Ada\n", stderr: "", error: undefined });
  });

  it("greets Nebari by default", async () => {
    const result = await runCli(host, ["hello"], { plugins });
    expect(result).toMatchObject({ exitCode: 0, stdout: "Hello Nebari\n" });
  });

  it("is listed in the host's help, and documents --name", async () => {
    const help = await runCli(host, ["--help"], { plugins });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/hello \[options\]\s+Say hello/);

    const own = await runCli(host, ["hello", "--help"], { plugins });
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toMatch(/--name <name>\s+who to greet \(default: "Nebari"\)/);
  });

  it("rejects an option it does not know", async () => {
    const result = await runCli(host, ["hello", "--nmae", "Ada"], { plugins });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("unknown option '--nmae'");
    expect(result.stdout).toBe("");
  });

  it("does not exist without the plugin", async () => {
    const info = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) =>
        cli.command("info", (command) => command.action(() => {})),
      ),
    };
    const withInfo = createNebariCliHost({ program: () => new Command("nebari"), defaultPlugins: { "builtin:commands": info } });
    const result = await runCli(withInfo, ["hello"]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("unknown command 'hello'");
  });

  it("collides with a host command of the same name", async () => {
    const builtin = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) =>
        cli.command("hello", (command) => command.action(() => {})),
      ),
    };
    const withBuiltin = createNebariCliHost({
      program: () => new Command("nebari"),
      defaultPlugins: { "builtin:commands": builtin },
    });
    await expect(runCli(withBuiltin, ["hello"], { plugins })).rejects.toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_CONFLICT",
      conflicts: [{ name: "hello", plugins: ["builtin:commands", "nebari-subcommand-hello"] }],
    });
  });
});
