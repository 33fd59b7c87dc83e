// scanStartupArgs: the first phase of a two-phase start.
import { describe, expect, it } from "vitest";
import { scanStartupArgs, StartupArgumentError } from "hooksmith/nebari";

describe("scanStartupArgs", () => {
  it("finds repeatable --import-plugin values in both spellings, in order", () => {
    expect(
      scanStartupArgs(["--import-plugin", "./a.ts", "--import-plugin=pkg/sub", "deploy", "--import-plugin", "./b.js"]),
    ).toEqual({
      importPlugins: ["./a.ts", "pkg/sub", "./b.js"],
      excludeStages: [],
      excludeDefaultStages: false,
    });
  });

  it("finds --exclude-stage values and the --exclude-default-stages flag", () => {
    expect(
      scanStartupArgs(["deploy", "--exclude-stage", ".*infra.*", "--exclude-stage=10-.*", "--exclude-default-stages"]),
    ).toEqual({
      importPlugins: [],
      excludeStages: [".*infra.*", "10-.*"],
      excludeDefaultStages: true,
    });
  });

  it("takes the next argument as the value whatever it looks like, as commander does", () => {
    expect(scanStartupArgs(["--import-plugin", "--exclude-default-stages"])).toEqual({
      importPlugins: ["--exclude-default-stages"],
      excludeStages: [],
      excludeDefaultStages: false,
    });
  });

  it("keeps a value containing = as it is", () => {
    expect(scanStartupArgs(["--exclude-stage=a=b"]).excludeStages).toEqual(["a=b"]);
  });

  it("ignores everything after --, other options, and options that only start alike", () => {
    expect(scanStartupArgs(["--import-plugins", "x", "--verbose", "--", "--import-plugin", "./after.js"])).toEqual({
      importPlugins: [],
      excludeStages: [],
      excludeDefaultStages: false,
    });
  });

  it("works on the whole process.argv", () => {
    expect(scanStartupArgs(["/usr/bin/node", "/app/cli.js", "--import-plugin", "./p.js"]).importPlugins).toEqual(["./p.js"]);
  });

  it.each([[["deploy", "--import-plugin"]], [["--import-plugin="]], [["--exclude-stage"]]])(
    "rejects a value option without a value: %j",
    (argv) => {
      expect(() => scanStartupArgs(argv)).toThrow(StartupArgumentError);
    },
  );

  it("names the option in the error", () => {
    try {
      scanStartupArgs(["--import-plugin"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "HOOKSMITH_STARTUP_ARGUMENT", option: "--import-plugin" });
      expect((error as Error).message).toBe("Option --import-plugin needs a value");
    }
  });

  it("accepts other spellings", () => {
    expect(
      scanStartupArgs(["--plugin", "./p.js", "--no-builtins"], {
        importPlugin: "--plugin",
        excludeDefaultStages: "--no-builtins",
      }),
    ).toEqual({
      importPlugins: ["./p.js"],
      excludeStages: [],
      excludeDefaultStages: true,
    });
  });
});
