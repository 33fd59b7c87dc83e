// mini-nebari's program factory, driven in-process by hooksmith/testing's CLI harness: the
// contract of docs/testing-plugins.md (createProgram / main with argv, plugins, entryPoints,
// io and cwd), as a plugin author's test uses it.
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "hooksmith/testing";
import { createProgram, main } from "mini-nebari";
import * as hello from "nebari-subcommand-hello";
import * as helloWorld from "nebari-stage-hello-world";
import { cliTimeout, project, removeProjects, statusPlugin, validConfig } from "./helpers.ts";

afterAll(removeProjects);

const plugins = { "nebari-subcommand-hello": hello, "nebari-stage-hello-world": helloWorld };

describe("createProgram under runCli", { timeout: cliTimeout }, () => {
  it("mounts the explicit plugins' subcommands and no installed plugin", async () => {
    const help = await runCli(createProgram, ["--help"], { plugins });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Plugin commands:\n {2}hello \[options\]\s+Say hello/);

    const greeting = await runCli(createProgram, ["hello", "--name", "Ada"], { plugins });
    expect(greeting).toMatchObject({ exitCode: 0, stdout: "Hello Ada\n", stderr: "" });
  });

  it("runs the explicit plugins' stages with the built-ins, and registers them as such", async () => {
    const info = await runCli(createProgram, ["info"], { plugins });
    expect(info.exitCode).toBe(0);
    expect(info.stdout).toMatch(/20 +02-network +builtin:stages +builtin\n/);
    expect(info.stdout).toMatch(/100 +hello_world +nebari-stage-hello-world +register\n/);
    expect(info.stdout).not.toContain("nebari-plugin-local-tls");

    const list = await runCli(createProgram, ["plugin", "list"], { plugins });
    expect(list.stdout.split("\n").map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      "name",
      "builtin:stages",
      "builtin:commands",
      "nebari-subcommand-hello",
      "nebari-stage-hello-world",
      "",
    ]);
  });

  it("imports --import-plugin files relative to cwd before building the command tree", async () => {
    const run = await runCli(createProgram, ["--import-plugin", statusPlugin, "status"], { cwd: await project() });
    expect(run).toMatchObject({ exitCode: 0, stdout: "Nothing deployed in . (no .mini-nebari/state.json).\n" });
  });
});

describe("main under runCli", { timeout: cliTimeout }, () => {
  it("turns failures into a message and exit code 1", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": validConfig, "bad.yaml": "project_name: 1\n" });
    const good = await runCli({ run: main }, ["validate"], { cwd });
    expect(good).toMatchObject({
      exitCode: 0,
      stdout: "mini-nebari-config.yaml is valid for 3 stages: 01-state, 02-network, 03-apps\n",
    });

    const bad = await runCli({ run: main }, ["validate", "-c", "bad.yaml"], { cwd });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe(
      'error: Invalid config (1 issue):\n  - stage "mini-nebari" at project_name: Invalid input: expected string, received number [HOOKSMITH_INVALID_CONFIG]\n',
    );
  });

  it("deploys and destroys in a folder with the explicit plugins", async () => {
    const cwd = await project();
    const deploy = await runCli({ run: main }, ["deploy"], { cwd, plugins });
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toContain("Deployed 4 stages.");
    const destroy = await runCli({ run: main }, ["destroy", "--disable-prompt"], { cwd, plugins });
    expect(destroy.exitCode).toBe(0);
    expect(destroy.stdout).toContain("Destroyed 4 stages.");
  });
});
