// The wider SubcommandCli: nested groups several plugins add to, options, help panels and
// callbacks, with collisions reported at every level and every failure naming its plugin; the host
// decides what plugins may add besides commands.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { SubcommandConflictError, SubcommandError, SubcommandRegistry, type SubcommandCli } from "hooksmith/nebari";
import { runCli } from "./helpers.ts";
import { errorOf } from "../support/harness.ts";

/** A command that logs `name ran (plugin)`. */
function logging(log: string[], cli: SubcommandCli<Command>, name: string): (command: Command) => unknown {
  return (command) =>
    command.description(`${name} from ${cli.pluginName}`).action(() => void log.push(`${name} ran (${cli.pluginName})`));
}

describe("SubcommandCli views", () => {
  it("tell the plugin where they add and what the host exposes", () => {
    const registry = new SubcommandRegistry<Command>({ expose: { rootOptions: true } });
    const cli = registry.forPlugin("p");
    expect(cli.path).toEqual([]);
    expect(cli.exposes).toEqual({ groups: true, rootOptions: true, configureRoot: false });
    const nested = cli.group("tools").group("db");
    expect(nested.path).toEqual(["tools", "db"]);
    expect(nested.pluginName).toBe("p");
  });

  it("refuses an exposure flag that is unknown or not a boolean", () => {
    expect(() => new SubcommandRegistry({ expose: { root: true } as never })).toThrow('unknown expose option "root"');
    expect(() => new SubcommandRegistry({ expose: { groups: "yes" } as never })).toThrow("expose.groups must be a boolean");
  });
});

describe("nested groups", () => {
  it("merge the groups several plugins open, attributing each command to its plugin", async () => {
    const log: string[] = [];
    const registry = new SubcommandRegistry<Command>();
    const builtin = registry.forPlugin("builtin");
    builtin
      .group("plugin", { define: (group) => group.description("Manage plugins") })
      .command("list", logging(log, builtin, "list"));
    const extra = registry.forPlugin("installer");
    extra.group("plugin").command("install", logging(log, extra, "install"));
    expect(registry.groups.map(({ name, pluginName, plugins }) => [name, pluginName, plugins])).toEqual([
      ["plugin", "builtin", ["builtin", "installer"]],
    ]);
    expect(registry.commands.map(({ name, path, pluginName }) => [[...path, name].join(" "), pluginName])).toEqual([
      ["plugin list", "builtin"],
      ["plugin install", "installer"],
    ]);
    const program = new Command("cli");
    const created = registry.mount(program);
    expect([...created.keys()]).toEqual(["plugin", "plugin list", "plugin install"]);
    expect(program.commands.map((command) => command.name())).toEqual(["plugin"]);
    expect((await runCli(program, ["plugin", "--help"])).stdout).toMatch(
      /list\s+list from builtin\n\s+install\s+install from installer/,
    );
    await runCli(program, ["plugin", "install"]);
    expect(log).toEqual(["install ran (installer)"]);
  });

  it("report a command added twice inside a group, with its whole path", () => {
    const registry = new SubcommandRegistry();
    registry
      .forPlugin("a")
      .group("scaffold")
      .command("stage", () => undefined);
    registry
      .forPlugin("b")
      .group("scaffold")
      .command("stage", () => undefined);
    const error = errorOf(() => registry.resolve()) as SubcommandConflictError;
    expect(error.conflicts).toEqual([{ kind: "command", name: "stage", path: ["scaffold"], plugins: ["a", "b"] }]);
    expect(error.message).toContain('subcommand "scaffold stage" is added by plugins "a" and "b"');
  });

  it("report a command and a group of one name, unless one overrides; a replaced group goes with its contents", () => {
    const clash = new SubcommandRegistry();
    clash.forPlugin("a").command("tools", () => undefined);
    clash
      .forPlugin("b")
      .group("tools")
      .command("lint", () => undefined);
    expect((errorOf(() => clash.resolve()) as SubcommandConflictError).conflicts).toEqual([
      { kind: "command", name: "tools", path: [], plugins: ["a", "b"] },
    ]);

    const replaced = new SubcommandRegistry();
    replaced
      .forPlugin("b")
      .group("tools")
      .command("lint", () => undefined);
    replaced
      .forPlugin("c")
      .group("tools")
      .command("fmt", () => undefined);
    replaced.forPlugin("a").command("tools", () => undefined, { override: true });
    expect(replaced.commands.map(({ name, pluginName }) => [name, pluginName])).toEqual([["tools", "a"]]);
    expect(replaced.groups).toEqual([]);
    expect(replaced.overridden.map(({ kind, pluginName, overriddenBy }) => [kind, pluginName, overriddenBy.pluginName])).toEqual([
      ["group", "b", "a"],
      ["command", "b", "a"],
      ["command", "c", "a"],
    ]);
  });

  it("let one plugin configure a group: a second one conflicts, unless exactly one overrides", () => {
    const clash = new SubcommandRegistry();
    clash.forPlugin("a").group("tools", { define: () => undefined });
    clash.forPlugin("b").group("tools", { helpGroup: "Other:" });
    const error = errorOf(() => clash.resolve()) as SubcommandConflictError;
    expect(error.conflicts).toEqual([{ kind: "group", name: "tools", path: [], plugins: ["a", "b"] }]);
    expect(error.message).toContain('group "tools" is configured by plugins "a" and "b"');

    const overriding = new SubcommandRegistry();
    overriding.forPlugin("a").group("tools", { define: () => undefined });
    overriding.forPlugin("b").group("tools", { helpGroup: "Other:", override: true });
    expect(overriding.groups.map(({ pluginName, helpGroup }) => [pluginName, helpGroup])).toEqual([["b", "Other:"]]);
    expect(overriding.overridden.map(({ kind, pluginName }) => [kind, pluginName])).toEqual([["group", "a"]]);
  });

  it("are refused when the host does not expose them, naming the plugin", () => {
    const registry = new SubcommandRegistry({ expose: { groups: false } });
    const error = errorOf(() => registry.forPlugin("p").group("scaffold"));
    expect(error).toBeInstanceOf(SubcommandError);
    expect(error).toMatchObject({ code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName: "p", commandName: "scaffold" });
  });

  it("are created with the group's own command(name), under a top-level function target", () => {
    const registry = new SubcommandRegistry<Command>();
    registry
      .forPlugin("p")
      .group("scaffold")
      .command("stage", () => undefined);
    const program = new Command("cli");
    const made: string[] = [];
    const created = registry.mount((name, definition) => {
      made.push(`${definition.kind}:${name}`);
      return program.command(name).helpGroup("Plugin commands:");
    });
    expect(made).toEqual(["group:scaffold"]);
    expect(created.get("scaffold stage")?.parent).toBe(created.get("scaffold"));
  });

  it("need command objects that can create subcommands", () => {
    const registry = new SubcommandRegistry<object>();
    registry
      .forPlugin("p")
      .group("scaffold")
      .command("stage", () => undefined);
    expect(() => registry.mount(() => ({}))).toThrow(
      'SubcommandRegistry.mount: the command object of group "scaffold" has no command(name) method to create "stage" in',
    );
  });

  it("name the plugin and the whole path when a nested define throws", () => {
    const registry = new SubcommandRegistry<Command>();
    const original = new Error("boom");
    registry
      .forPlugin("p")
      .group("a")
      .group("b")
      .command("c", () => {
        throw original;
      });
    expect(errorOf(() => registry.mount(new Command("cli")))).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
      pluginName: "p",
      commandName: "a b c",
      cause: original,
      message: 'Plugin "p" failed to define subcommand "a b c": boom',
    });
  });
});

describe("mount", () => {
  it("takes the root command with a function creating the top-level commands", async () => {
    const registry = new SubcommandRegistry<Command>({ expose: { rootOptions: true } });
    registry.forPlugin("p").option("--profile <name>", "the profile");
    registry.forPlugin("p").command("hello", (command) => command.description("Say hello"));
    const program = new Command("cli");
    registry.mount(program, (name) => program.command(name).helpGroup("Plugin commands:"));
    const help = (await runCli(program, ["--help"])).stdout;
    expect(help).toMatch(/--profile <name>\s+the profile/);
    expect(help).toMatch(/Plugin commands:\n {2}hello\s+Say hello/);
  });

  it("refuses a function alone when plugins add to the root command, naming the plugin", () => {
    const registry = new SubcommandRegistry<Command>({ expose: { configureRoot: true } });
    registry.forPlugin("rooted").configure(() => undefined);
    const program = new Command("cli");
    expect(() => registry.mount((name) => program.command(name))).toThrow(
      'SubcommandRegistry.mount: plugin "rooted" adds callbacks to the root command, but mount got a function',
    );
  });

  it("refuses a create function next to a function target, or one that is no function", () => {
    const registry = new SubcommandRegistry<Command>();
    const program = new Command("cli");
    expect(() =>
      registry.mount(
        (name) => program.command(name),
        (name) => program.command(name),
      ),
    ).toThrow(TypeError);
    expect(() => registry.mount(program, "x" as never)).toThrow(TypeError);
  });
});

describe("help panels", () => {
  it("put a command or a group under the panel its plugin asks for, over the host's default", async () => {
    const registry = new SubcommandRegistry<Command>();
    registry.forPlugin("p").command("hello", (command) => command.description("Say hello"), { helpGroup: "Greetings:" });
    registry
      .forPlugin("q")
      .group("tools", { helpGroup: "Additional Commands:" })
      .command("x", () => undefined);
    registry.forPlugin("r").command("plain", (command) => command.description("Plain"));
    const program = new Command("cli");
    registry.mount((name) => program.command(name).helpGroup("Plugin commands:"));
    const help = (await runCli(program, ["--help"])).stdout;
    expect(help).toMatch(/Greetings:\n {2}hello\s+Say hello/);
    expect(help).toMatch(/Additional Commands:\n {2}tools/);
    expect(help).toMatch(/Plugin commands:\n {2}plain\s+Plain/);
  });

  it("need command objects with helpGroup(heading)", () => {
    const registry = new SubcommandRegistry<object>();
    registry.forPlugin("p").command("hello", () => undefined, { helpGroup: "Greetings:" });
    expect(errorOf(() => registry.mount(() => ({})))).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED",
      pluginName: "p",
      commandName: "hello",
    });
  });
});

describe("options", () => {
  it("add an option to a group's command, by description or by function", async () => {
    const registry = new SubcommandRegistry<Command>();
    const tools = registry.forPlugin("p").group("tools");
    tools.option("-p, --profile <name>", "the cloud profile", { defaultValue: "default" });
    tools.option("--dry-run", (command) => command.option("--dry-run", "show, do nothing"));
    let seen: unknown;
    tools.command("deploy", (command) =>
      command.action((_options: unknown, self: Command) => {
        seen = self.optsWithGlobals();
      }),
    );
    expect(registry.options.map(({ names, path }) => [names, path])).toEqual([
      [["-p", "--profile"], ["tools"]],
      [["--dry-run"], ["tools"]],
    ]);
    const program = new Command("cli");
    registry.mount(program);
    await runCli(program, ["tools", "--profile", "prod", "--dry-run", "deploy"]);
    expect(seen).toEqual({ profile: "prod", dryRun: true });
  });

  it("report a flag two plugins add to one command, unless exactly one overrides", () => {
    const registry = new SubcommandRegistry({ expose: { rootOptions: true } });
    registry.forPlugin("a").option("-v, --verbose", "more output");
    registry.forPlugin("b").option("-v, --version", "the version");
    const error = errorOf(() => registry.resolve()) as SubcommandConflictError;
    expect(error.conflicts).toEqual([{ kind: "option", name: "-v", path: [], plugins: ["a", "b"] }]);
    expect(error.message).toContain('option "-v" of the root command is added by plugins "a" and "b"');

    const overriding = new SubcommandRegistry({ expose: { rootOptions: true } });
    overriding.forPlugin("a").option("-v, --verbose", "more output");
    overriding.forPlugin("b").option("-v, --version", "the version", { override: true });
    expect(overriding.options.map(({ flags }) => flags)).toEqual(["-v, --version"]);
    expect(overriding.overridden.map(({ kind, pluginName }) => [kind, pluginName])).toEqual([["option", "a"]]);
  });

  it("at the root, only where the host exposes root options", () => {
    const error = errorOf(() => new SubcommandRegistry().forPlugin("p").option("--profile <name>", "the profile"));
    expect(error).toMatchObject({ code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName: "p", commandName: undefined });
  });

  it.each([
    ["flags without a flag", "profile", undefined, undefined, "invalid option flags"],
    ["empty flags", "", undefined, undefined, "invalid option flags"],
    ["a description that is a number", "--x", 5, undefined, "neither a string nor a function"],
    ["an unknown option", "--x", "x", { required: true }, 'the unknown option "required"'],
    ["a defaultValue next to a function", "--x", () => undefined, { defaultValue: 1 }, "defaultValue next to a function"],
  ])("refuse %s", (_label, flags, describe, options, message) => {
    const cli = new SubcommandRegistry().forPlugin("p").group("g");
    const error = errorOf(() => cli.option(flags, describe as never, options as never));
    expect(error).toMatchObject({ code: "HOOKSMITH_INVALID_SUBCOMMAND", pluginName: "p" });
    expect((error as Error).message).toContain(message);
  });
});

describe("configure (callbacks)", () => {
  it("runs on a group's command after its subcommands exist, e.g. a callback before them", async () => {
    const log: string[] = [];
    const registry = new SubcommandRegistry<Command>();
    const db = registry.forPlugin("p").group("db");
    db.configure((group) => {
      log.push(`configure sees ${group.commands.map((command) => command.name()).join(",")}`);
      group.hook("preAction", () => void log.push("db callback"));
    });
    db.command("migrate", (command) => command.action(() => void log.push("migrate")));
    const program = new Command("cli");
    registry.mount(program);
    await runCli(program, ["db", "migrate"]);
    expect(log).toEqual(["configure sees migrate", "db callback", "migrate"]);
  });

  it("on the root, only where the host exposes it; a failing callback names its plugin", () => {
    expect(errorOf(() => new SubcommandRegistry().forPlugin("p").configure(() => undefined))).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED",
    });
    const registry = new SubcommandRegistry<Command>({ expose: { configureRoot: true } });
    registry.forPlugin("p").configure(() => {
      throw new Error("no");
    });
    expect(errorOf(() => registry.mount(new Command("cli")))).toMatchObject({
      code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
      message: 'Plugin "p" failed to configure the root command: no',
    });
  });

  it("refuses a define that is not a function", () => {
    expect(
      errorOf(() =>
        new SubcommandRegistry()
          .forPlugin("p")
          .group("g")
          .configure("x" as never),
      ),
    ).toMatchObject({
      code: "HOOKSMITH_INVALID_SUBCOMMAND",
    });
  });
});

describe("after resolution", () => {
  it("refuses every kind of addition, from any view", () => {
    const registry = new SubcommandRegistry({ expose: { rootOptions: true, configureRoot: true } });
    const cli = registry.forPlugin("late");
    const group = cli.group("g");
    registry.resolve();
    for (const add of [
      () => cli.command("x", () => undefined),
      () => cli.group("h"),
      () => group.command("x", () => undefined),
      () => cli.option("--x", "x"),
      () => group.configure(() => undefined),
    ]) {
      expect(errorOf(add)).toMatchObject({ code: "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED", pluginName: "late" });
    }
  });
});

describe("group names and options", () => {
  it.each([
    ["a name with a space", "two words", undefined, "invalid group name"],
    ["a name starting with -", "-g", undefined, "invalid group name"],
    ["a define that is not a function", "g", { define: "x" }, "a define that is not a function"],
    ["an empty helpGroup", "g", { helpGroup: " " }, "helpGroup that is not a non-empty string"],
    ["an unknown option", "g", { description: "x" }, 'the unknown option "description"'],
  ])("refuses %s", (_label, name, options, message) => {
    const error = errorOf(() => new SubcommandRegistry().forPlugin("p").group(name, options as never));
    expect(error).toMatchObject({ code: "HOOKSMITH_INVALID_SUBCOMMAND", pluginName: "p" });
    expect((error as Error).message).toContain(message);
  });
});
