// Port of pluggy's testing/test_tracer.py: the TagTracer tree, its writer, indent and processors.
// Tracing is not a hook call, so these tests have no sync/async modes.

import { describe, expect, it } from "vitest";
import { TagTracer } from "../../src/index.ts";

describe("TagTracer", () => {
  // pluggy: test_simple
  it("writes nothing before a writer is set, then one line per message with the tags", () => {
    const root = new TagTracer();
    const log = root.get("pytest");
    log("hello");
    const out: string[] = [];
    root.setwriter((line) => out.push(line));
    log("world");
    expect(out).toEqual(["world [pytest]\n"]);
    const sublog = log.get("collection");
    sublog("hello");
    expect(out[1]).toBe("hello [pytest:collection]\n");
  });

  // pluggy: test_indent
  it("indents each line by two spaces per level of root.indent", () => {
    const root = new TagTracer();
    const log = root.get("1");
    const out: string[] = [];
    log.root.setwriter((line) => out.push(line));
    log("hello");
    log.root.indent += 1;
    log("line1");
    log("line2");
    log.root.indent += 1;
    log("line3");
    log("line4");
    log.root.indent -= 1;
    log("line5");
    log.root.indent -= 1;
    log("last");
    expect(out).toHaveLength(7);
    const names = out.map((line) => line.slice(0, line.lastIndexOf(" [")));
    expect(names).toEqual(["hello", "  line1", "  line2", "    line3", "    line4", "  line5", "last"]);
  });

  // pluggy: test_readable_output_dictargs
  it("formats a trailing plain object as one indented key line per entry", () => {
    const root = new TagTracer();
    expect(root.formatMessage(["test"], [1])).toBe("1 [test]\n");
    expect(root.formatMessage(["test"], ["test", { a: 1 }])).toBe("test [test]\n    a: 1\n");
  });

  // pluggy: test_setprocessor
  it("calls the processor registered for exactly a tracer's tags, given as a list or as 'a:b'", () => {
    const root = new TagTracer();
    const log = root.get("1");
    const log2 = log.get("2");
    expect(log2.tags).toEqual(["1", "2"]);
    const out: Array<[readonly string[], readonly unknown[]]> = [];
    root.setprocessor(["1", "2"], (tags, args) => out.push([tags, args]));
    log("not seen");
    log2("seen");
    expect(out).toHaveLength(1);
    const [tags, args] = out[0]!;
    expect(tags).toContain("1");
    expect(tags).toContain("2");
    expect(args).toEqual(["seen"]);
    const l2: Array<[readonly string[], readonly unknown[]]> = [];
    root.setprocessor("1:2", (tags2, args2) => l2.push([tags2, args2]));
    log2("seen");
    expect(l2[0]?.[1]).toEqual(["seen"]);
  });
});

// Issue 16, item 4: pytest traces `pytest_plugin_registered(plugin=module)`; pluggy prints
// `<module 'x' from '...'>`, hooksmith printed the source of every exported function.
describe("TagTracer renders arguments on one short line each", () => {
  it("prints a module namespace, a class, a function and a class instance by name", async () => {
    const root = new TagTracer();
    const module = await import("../support/api-md-hello-world.ts");
    class Terminal {}
    function pytest_configure(): void {}
    const line = root.formatMessage(
      ["hook"],
      ["pytest_plugin_registered", { plugin: module, cls: Terminal, fn: pytest_configure, instance: new Terminal() }],
    );
    expect(line).toBe(
      "pytest_plugin_registered [hook]\n" +
        "    plugin: <module>\n" +
        "    cls: <class Terminal>\n" +
        "    fn: <function pytest_configure>\n" +
        "    instance: <Terminal object>\n",
    );
  });

  it("shortens long lists, deep objects and long strings", () => {
    const root = new TagTracer();
    const many = Array.from({ length: 25 }, (_, index) => index);
    const deep = { a: { b: { c: { d: 1 } } } };
    const long = "x".repeat(100);
    expect(root.formatMessage(["t"], [many])).toBe("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 15 more] [t]\n");
    expect(root.formatMessage(["t"], [[deep]])).toBe("[{'a': {'b': {…}}}] [t]\n");
    expect(root.formatMessage(["t"], [[long]])).toBe(`['${"x".repeat(60)}…'] [t]\n`);
  });

  it("keeps what renders itself, such as errors", () => {
    const root = new TagTracer();
    expect(root.formatMessage(["t"], ["failed", [new TypeError("boom")]])).toBe("failed [TypeError: boom] [t]\n");
  });
});
