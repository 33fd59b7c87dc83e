// The framework-neutral subcommand registry: which plugin added what, collisions reported, and
// mounting on commander.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";
import {
  collectSubcommands,
  hookimpl,
  NebariPluginManager,
  PluginHookError,
  SubcommandConflictError,
  SubcommandError,
  SubcommandRegistry,
  type SubcommandCli,
} from "hooksmith/nebari";
import { runCli, subcommandPlugin } from "./helpers.ts";
import { errorOf } from "../support/harness.ts";

describe("SubcommandRegistry", () => {
  it("records which plugin added each subcommand, in the order they were added", () => {
    const registry = new SubcommandRegistry<string>();
    registry.forPlugin("builtin").command("deploy", () => undefined);
    registry.forPlugin("hello-plugin").command("hello", () => undefined);
    registry.forPlugin("builtin").command("render", () => undefined);
    expect(registry.commands.map(({ name, pluginName, index }) => [name, pluginName, index])).toEqual([
      ["deploy", "builtin", 0],
      ["hello", "hello-plugin", 1],
      ["render", "builtin", 2],
    ]);
  });

  it("reports a name added by two plugins, naming both, instead of letting the last one win", () => {
    const registry = new SubcommandRegistry();
    registry.forPlugin("builtin-commands").command("deploy", () => undefined);
    registry.forPlugin("sneaky-plugin").command("deploy", () => undefined);
    const error = errorOf(() => registry.commands);
    expect(error).toBeInstanceOf(SubcommandConflictError);
    expect((error as SubcommandConflictError).code).toBe("HOOKSMITH_SUBCOMMAND_CONFLICT");
    expect((error as SubcommandConflictError).conflicts).toEqual([
      { kind: "command", name: "deploy", path: [], plugins: ["builtin-commands", "sneaky-plugin"] },
    ]);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Subcommand name collision: subcommand "deploy" is added by plugins "builtin-commands" and "sneaky-plugin"; rename one, remove a plugin, or pass { override: true } in the one that should replace the others"`,
    );
  });

  it("lists every conflicting name in one error, including a plugin adding one name twice", () => {
    const registry = new SubcommandRegistry();
    registry.forPlugin("a").command("x", () => undefined);
    registry.forPlugin("a").command("x", () => undefined);
    registry.forPlugin("a").command("y", () => undefined);
    registry.forPlugin("b").command("y", () => undefined);
    const error = errorOf(() => registry.resolve()) as SubcommandConflictError;
    expect(error.conflicts).toEqual([
      { kind: "command", name: "x", path: [], plugins: ["a", "a"] },
      { kind: "command", name: "y", path: [], plugins: ["a", "b"] },
    ]);
    expect(error.message).toContain('subcommand "x" is added twice by plugin "a"');
  });

  it("lets exactly one definition override the others, whatever the plugin order, and lists the replaced ones", () => {
    const registry = new SubcommandRegistry();
    registry.forPlugin("my-deploy").command("deploy", () => undefined, { override: true });
    registry.forPlugin("builtin").command("deploy", () => undefined);
    expect(registry.commands.map(({ name, pluginName, override }) => [name, pluginName, override])).toEqual([
      ["deploy", "my-deploy", true],
    ]);
    expect(registry.overridden.map(({ pluginName, overriddenBy }) => [pluginName, overriddenBy.pluginName])).toEqual([
      ["builtin", "my-deploy"],
    ]);
  });

  it("reports two overrides of one name as a conflict", () => {
    const registry = new SubcommandRegistry();
    registry.forPlugin("a").command("deploy", () => undefined, { override: true });
    registry.forPlugin("b").command("deploy", () => undefined, { override: true });
    expect(errorOf(() => registry.resolve())).toBeInstanceOf(SubcommandConflictError);
  });

  it.each([
    ["", "invalid subcommand name"],
    ["hello world", "invalid subcommand name"],
    ["--help", "invalid subcommand name"],
    ["hello <name>", "invalid subcommand name"],
  ])("rejects the name %j, naming the plugin", (name, problem) => {
    const cli = new SubcommandRegistry().forPlugin("p");
    const error = errorOf(() => cli.command(name, () => undefined));
    expect(error).toBeInstanceOf(SubcommandError);
    expect(error).toMatchObject({ code: "HOOKSMITH_INVALID_SUBCOMMAND", pluginName: "p" });
    expect((error as Error).message).toContain(problem);
  });

  it("rejects a define that is not a function and an override that is not a boolean", () => {
    const cli = new SubcommandRegistry().forPlugin("p");
    expect(errorOf(() => cli.command("x", "nope" as never))).toMatchObject({ code: "HOOKSMITH_INVALID_SUBCOMMAND" });
    expect(errorOf(() => cli.command("x", () => undefined, { override: "yes" as never }))).toMatchObject({
      code: "HOOKSMITH_INVALID_SUBCOMMAND",
    });
  });

  it("refuses subcommands added after it was resolved", () => {
    const registry = new SubcommandRegistry();
    const cli = registry.forPlugin("late-plugin");
    registry.resolve();
    expect(registry.resolved).toBe(true);
    expect(errorOf(() => cli.command("late", () => undefined))).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED",
      pluginName: "late-plugin",
      commandName: "late",
    });
  });

  it("mounts on a commander program: help lists the commands and they run", async () => {
    const log: string[] = [];
    const registry = new SubcommandRegistry<Command>();
    registry.forPlugin("hello-plugin").command("hello", (command) =>
      command
        .description("Say hello")
        .option("--name <name>", "who to greet", "Nebari")
        .action(({ name }: { name: string }) => {
          log.push(`Hello ${name}`);
        }),
    );
    const program = new Command("mini-nebari");
    const created = registry.mount(program);
    expect([...created.keys()]).toEqual(["hello"]);
    expect(program.helpInformation()).toMatch(/hello \[options\]\s+Say hello/);

    const run = await runCli(program, ["hello", "--name", "Ada"]);
    expect(run.exitCode).toBe(0);
    expect(log).toEqual(["Hello Ada"]);
  });

  it("mounts through a function, passing the definition", () => {
    const registry = new SubcommandRegistry<{ name: string; plugin: string; configured?: boolean }>();
    registry.forPlugin("p").command("x", (command) => (command.configured = true));
    const created = registry.mount((name, definition) => ({ name, plugin: definition.pluginName }));
    expect(created.get("x")).toEqual({ name: "x", plugin: "p", configured: true });
  });

  it("mounts nothing when names conflict", () => {
    const registry = new SubcommandRegistry<Command>();
    registry.forPlugin("a").command("x", () => undefined);
    registry.forPlugin("b").command("x", () => undefined);
    const program = new Command("cli");
    expect(errorOf(() => registry.mount(program))).toBeInstanceOf(SubcommandConflictError);
    expect(program.commands).toEqual([]);
  });

  it("names the plugin whose define throws while mounting", () => {
    const registry = new SubcommandRegistry<Command>();
    const original = new Error("option clash");
    registry.forPlugin("clumsy-plugin").command("x", () => {
      throw original;
    });
    const error = errorOf(() => registry.mount(new Command("cli")));
    expect(error).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
      pluginName: "clumsy-plugin",
      commandName: "x",
      cause: original,
    });
    expect((error as Error).message).toBe('Plugin "clumsy-plugin" failed to define subcommand "x": option clash');
  });
});

describe("collectSubcommands", () => {
  it("calls nebari_subcommand once per plugin in registration order, each with its own view", async () => {
    const nebari = new NebariPluginManager<SubcommandCli<Command>>({
      defaultPlugins: { "builtin-commands": subcommandPlugin(["deploy", "render"]) },
    });
    nebari.register(subcommandPlugin(["hello"]), "hello-plugin");
    nebari.register(subcommandPlugin(["scaffold"]), "scaffold-plugin");
    const registry = await nebari.collectSubcommands();
    expect(registry.resolved).toBe(true);
    expect(registry.commands.map(({ name, pluginName }) => `${name}:${pluginName}`)).toEqual([
      "deploy:builtin-commands",
      "render:builtin-commands",
      "hello:hello-plugin",
      "scaffold:scaffold-plugin",
    ]);
  });

  it("reports a plugin that takes over a built-in subcommand", async () => {
    const nebari = new NebariPluginManager<SubcommandCli<Command>>({
      defaultPlugins: { "builtin-commands": subcommandPlugin(["deploy"]) },
    });
    nebari.register(subcommandPlugin(["deploy"]), "evil-plugin");
    await expect(nebari.collectSubcommands()).rejects.toThrow(
      'subcommand "deploy" is added by plugins "builtin-commands" and "evil-plugin"',
    );
  });

  it("accepts an explicit override of a built-in subcommand and runs the overriding one", async () => {
    const log: string[] = [];
    const nebari = new NebariPluginManager<SubcommandCli<Command>>({
      defaultPlugins: { "builtin-commands": subcommandPlugin(["deploy"], log) },
    });
    nebari.register(subcommandPlugin([["deploy", { override: true }]], log), "better-deploy");
    const registry = await nebari.collectSubcommands();
    const program = new Command("cli");
    registry.mount(program);
    await runCli(program, ["deploy"]);
    expect(log).toEqual(["deploy ran (better-deploy)"]);
    expect(registry.overridden.map(({ pluginName }) => pluginName)).toEqual(["builtin-commands"]);
  });

  it("names the plugin whose implementation throws or misuses cli", async () => {
    const nebari = new NebariPluginManager<SubcommandCli<Command>>();
    nebari.register(
      {
        nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
          cli.command("two words", () => undefined);
        }),
      },
      "typo-plugin",
    );
    const error = await nebari.collectSubcommands().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PluginHookError);
    expect(error).toMatchObject({
      code: "HOOKSMITH_PLUGIN_HOOK_FAILED",
      pluginName: "typo-plugin",
      hookName: "nebari_subcommand",
    });
    expect((error as Error).cause).toBeInstanceOf(SubcommandError);
  });

  it("works for another project's hook and argument name", async () => {
    const pm = new PluginManager("other");
    pm.addHookspecs({
      add_commands: HookspecMarker("other")({ argnames: ["program"] })((_args: { program: unknown }) => undefined),
    });
    pm.register(
      {
        add_commands: HookimplMarker("other")(({ program }: { program: SubcommandCli<Command> }) =>
          program.command("status", () => undefined),
        ),
      },
      "status-plugin",
    );
    const registry = await collectSubcommands<Command>(pm, "add_commands", { argName: "program" });
    expect(registry.commands.map(({ name, pluginName }) => [name, pluginName])).toEqual([["status", "status-plugin"]]);
  });
});
