import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hookimpl, SubcommandConflictError, type SubcommandCli } from "hooksmith/nebari";
import { createNebariCliHost, runCli, TestHarnessError, type CliProgramOptions } from "hooksmith/testing";

afterEach(() => {
  vi.restoreAllMocks();
});

/** A small commander host: `greet [--loud]`, `fail`, `exit <code>`, `code <code>`, `talk`. */
function createProgram({ io }: CliProgramOptions): Command {
  const program = new Command("demo").description("A demo host");
  program
    .command("greet")
    .description("Greet")
    .option("--name <name>", "who", "world")
    .action(({ name }: { name: string }) => {
      io.stdout.write(`Hello ${name}\n`);
    });
  program.command("fail").action(async () => {
    await Promise.resolve();
    throw new Error("the action failed");
  });
  program
    .command("exit")
    .argument("<code>")
    .action((code: string) => {
      process.exit(Number(code));
      io.stdout.write("after exit\n");
    });
  program
    .command("code")
    .argument("<code>")
    .action((code: string) => {
      process.exitCode = Number(code);
    });
  program.command("talk").action(() => {
    console.log("log %s", "formatted");
    console.info("info");
    console.debug("debug");
    console.warn("warn");
    console.error("error");
    io.stderr.write("direct\n");
  });
  return program;
}

describe("runCli with a program factory", () => {
  it("runs a command and captures what it writes", async () => {
    const result = await runCli(createProgram, ["greet", "--name", "Ada"]);
    expect(result).toEqual({ stdout: "Hello Ada\n", stderr: "", output: "Hello Ada\n", exitCode: 0, error: undefined });
  });

  it("captures the console while the program runs, interleaved in output", async () => {
    const result = await runCli(createProgram, ["talk"]);
    expect(result.stdout).toBe("log formatted\ninfo\ndebug\n");
    expect(result.stderr).toBe("warn\nerror\ndirect\n");
    expect(result.output).toBe("log formatted\ninfo\ndebug\nwarn\nerror\ndirect\n");
  });

  it("restores the console after the run", async () => {
    const log = console.log;
    const error = console.error;
    await runCli(createProgram, ["talk"]);
    await runCli(createProgram, ["fail"]);
    expect(console.log).toBe(log);
    expect(console.error).toBe(error);
  });

  it("leaves the console alone when asked", async () => {
    const spies = (["log", "info", "debug", "warn", "error"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    const result = await runCli(createProgram, ["talk"], { captureConsole: false });
    expect(spies.map((spy) => spy.mock.calls)).toEqual([
      [["log %s", "formatted"]],
      [["info"]],
      [["debug"]],
      [["warn"]],
      [["error"]],
    ]);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("direct\n");
  });

  it("captures help with exit code 0, from the program and from a subcommand", async () => {
    const help = await runCli(createProgram, ["--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.error).toBeUndefined();
    expect(help.stdout).toMatch(/^Usage: demo \[options\] \[command\]/);
    expect(help.stdout).toMatch(/greet \[options\]\s+Greet/);
    const sub = await runCli(createProgram, ["greet", "--help"]);
    expect(sub).toMatchObject({ exitCode: 0, stderr: "" });
    expect(sub.stdout).toMatch(/--name <name>\s+who \(default: "world"\)/);
  });

  it("captures the framework's errors with its exit code, also from a subcommand", async () => {
    const unknown = await runCli(createProgram, ["zzz"]);
    expect(unknown).toMatchObject({ exitCode: 1, stdout: "", error: undefined });
    expect(unknown.stderr).toBe("error: unknown command 'zzz'\n");
    const missing = await runCli(createProgram, ["greet", "--name"]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe("error: option '--name <name>' argument missing\n");
  });

  it("reports what an action throws, with exit code 1", async () => {
    const result = await runCli(createProgram, ["fail"]);
    expect(result.exitCode).toBe(1);
    expect(result.error).toEqual(new Error("the action failed"));
  });

  it("turns process.exit into the end of the run, and restores process.exit", async () => {
    const exit = process.exit;
    const result = await runCli(createProgram, ["exit", "3"]);
    expect(result).toMatchObject({ exitCode: 3, stdout: "", error: undefined });
    expect((await runCli(createProgram, ["exit", "0"])).exitCode).toBe(0);
    expect(process.exit).toBe(exit);
  });

  it("leaves process.exit alone when asked", async () => {
    const exit = process.exit;
    const seen: unknown[] = [];
    const program = () => new Command("demo").action(() => void seen.push(process.exit));
    await runCli(program, [], { interceptExit: false });
    await runCli(program, []);
    expect(seen[0]).toBe(exit);
    expect(seen[1]).not.toBe(exit);
  });

  it("takes the exit code from process.exitCode, and restores it", async () => {
    const before = process.exitCode;
    const result = await runCli(createProgram, ["code", "2"]);
    expect(result.exitCode).toBe(2);
    expect(process.exitCode).toBe(before);
  });

  it("gives the factory the arguments, the plugins by name, no discovery, the io and the cwd", async () => {
    const seen: CliProgramOptions[] = [];
    const plugin = { id: "p" };
    const other = { id: "o" };
    const factory = (options: CliProgramOptions) => {
      seen.push(options);
      return new Command("demo").action(() => {});
    };
    await runCli(factory, [], { plugins: { p: plugin, o: other } });
    await runCli(factory, ["x"], { plugins: [["o", other]], cwd: "/somewhere" });
    expect(seen.map(({ argv, plugins, entryPoints, cwd }) => ({ argv, plugins, entryPoints, cwd }))).toEqual([
      {
        argv: [],
        plugins: [
          ["p", plugin],
          ["o", other],
        ],
        entryPoints: false,
        cwd: undefined,
      },
      { argv: ["x"], plugins: [["o", other]], entryPoints: false, cwd: "/somewhere" },
    ]);
    expect("cwd" in seen[0]!).toBe(false);
  });

  it("drives any object with parseAsync", async () => {
    const calls: unknown[] = [];
    const result = await runCli(
      ({ io }) => ({
        async parseAsync(argv: readonly string[], options: { from: "user" }) {
          calls.push([argv, options]);
          io.stdout.write("parsed\n");
        },
      }),
      ["a", "b"],
    );
    expect(calls).toEqual([[["a", "b"], { from: "user" }]]);
    expect(result).toMatchObject({ exitCode: 0, stdout: "parsed\n" });
  });

  it("passes on what the factory throws", async () => {
    await expect(
      runCli(() => {
        throw new Error("cannot build");
      }, []),
    ).rejects.toThrow("cannot build");
  });

  it("rejects what it cannot run", async () => {
    await expect(runCli({} as never, [])).rejects.toThrow(TestHarnessError);
    await expect(runCli(() => ({}) as never, [])).rejects.toMatchObject({ code: "HOOKSMITH_INVALID_HARNESS_INPUT" });
    await expect(runCli(createProgram, "greet" as never)).rejects.toThrow(TestHarnessError);
    await expect(runCli(createProgram, [], { plugins: [{ unnamed: true } as never] })).rejects.toThrow("has no name");
  });
});

describe("runCli with a run function", () => {
  it("takes the exit code it returns, 0 when it returns nothing", async () => {
    const run = async (argv: readonly string[], { io }: CliProgramOptions) => {
      io.stdout.write(`args: ${argv.join(" ")}\n`);
      return argv.length;
    };
    expect(await runCli({ run }, ["a", "b"])).toMatchObject({ exitCode: 2, stdout: "args: a b\n" });
    expect(await runCli({ run: () => {} }, [])).toMatchObject({ exitCode: 0, error: undefined });
  });

  it("reports what it throws, with exit code 1, and an exit request with its code", async () => {
    const failure = new Error("main failed");
    expect(
      await runCli(
        {
          run: () => {
            throw failure;
          },
        },
        [],
      ),
    ).toMatchObject({ exitCode: 1, error: failure });
    expect(
      await runCli(
        {
          run: () => {
            throw Object.assign(new Error("usage"), { exitCode: 64 });
          },
        },
        [],
      ),
    ).toMatchObject({ exitCode: 64, error: undefined });
  });

  it("gets the plugins and the io", async () => {
    const plugin = {};
    let received: CliProgramOptions | undefined;
    await runCli(
      {
        run: (_argv, options) => {
          received = options;
        },
      },
      ["--flag"],
      { plugins: { plugin } },
    );
    expect(received).toMatchObject({ argv: ["--flag"], plugins: [["plugin", plugin]], entryPoints: false });
  });
});

const hello = {
  nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
    cli.command("hello", (command) => command.action(() => console.log(`Hello from ${cli.pluginName}`)));
  }),
};

describe("createNebariCliHost", () => {
  it("mounts the subcommands of the plugins runCli passes, after the built-in ones", async () => {
    const builtin = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        cli.command("version", (command) => command.description("Print the version").action(() => console.log("1.0.0")));
      }),
    };
    const host = createNebariCliHost({ program: () => new Command("nebari"), defaultPlugins: { builtin } });
    const help = await runCli(host, ["--help"], { plugins: { hello } });
    expect(help.stdout).toMatch(/Commands:\n\s+version\s+Print the version\n\s+hello\n/);
    expect((await runCli(host, ["hello"], { plugins: { "my-hello": hello } })).stdout).toBe("Hello from my-hello\n");
    expect((await runCli(host, ["version"])).stdout).toBe("1.0.0\n");
  });

  it("reports subcommand collisions and misspelt hooks when the program is built", async () => {
    const host = createNebariCliHost({ program: () => new Command("nebari") });
    await expect(runCli(host, ["hello"], { plugins: { one: hello, two: { ...hello } } })).rejects.toThrow(
      SubcommandConflictError,
    );
    const typo = { nebari_subcommands: hookimpl(() => {}) };
    await expect(runCli(host, [], { plugins: { typo } })).rejects.toThrow("unknown hook 'nebari_subcommands'");
    const lenient = createNebariCliHost({ program: () => new Command("nebari").action(() => {}), checkPending: false });
    expect((await runCli(lenient, [], { plugins: { typo } })).exitCode).toBe(0);
  });
});
