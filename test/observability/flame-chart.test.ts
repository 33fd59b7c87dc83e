// renderFlameChart: a Chrome trace drawn as an SVG flame chart (issue 17, item 3's picture).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { profileHooks, renderFlameChart } from "hooksmith";
import { hookimpl, manager, tick, useFakeClock, useRealClock } from "./helpers.ts";

beforeEach(useFakeClock);
afterEach(useRealClock);

/** The slices drawn: tooltip first line, and the rectangle's position. */
function slicesOf(svg: string): { title: string; x: number; y: number; width: number; fill: string }[] {
  return [
    ...svg.matchAll(
      /<g><title>([^<]*)<\/title><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" rx="2" fill="([^"]+)"/g,
    ),
  ].map((match) => ({
    title: match[1]!.split("\n")[0]!,
    x: Number(match[2]),
    y: Number(match[3]),
    width: Number(match[4]),
    fill: match[5]!,
  }));
}

/** Checks that every tag opened is closed, in order (the SVG is well-formed XML as far as tags go). */
function unbalancedTags(svg: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing === "/") continue;
    if (closing === "") stack.push(name!);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong tag`);
  }
  return [...problems, ...stack.map((name) => `<${name}> never closed`)];
}

describe("renderFlameChart", () => {
  it("draws each slice of a profile, children below their parents, in the same time scale", async () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => void tick(2)) }, "leafy");
    pm.register(
      {
        build: hookimpl(async () => {
          tick(4);
          await Promise.resolve();
          throw new Error("remote <down> & out");
        }),
      },
      "remote",
    );
    pm.register(
      {
        build: hookimpl(() => {
          tick(2);
          hook["leaf"]!({ n: 1 });
        }),
      },
      "outer",
    );
    const profiler = profileHooks(pm);
    await expect(hook["build"]!.callAsync({ target: "web" })).rejects.toThrow();
    const svg = renderFlameChart(profiler.stop().toChromeTrace({ processName: "demo" }), { width: 1000 });

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1000"')).toBe(true);
    expect(unbalancedTags(svg)).toEqual([]);
    expect(svg).toContain(">demo</text>");
    expect(svg).toContain(">async hook calls</text>");
    // Round ticks without trailing zeros.
    expect(svg).toContain(">2 ms</text>");
    expect(svg).not.toMatch(/\.0+ ms</);
    const slices = slicesOf(svg);
    expect(slices.map((slice) => slice.title)).toEqual([
      "build: 8.00 ms",
      "outer: 4.00 ms",
      "leaf: 2.00 ms",
      "leafy: 2.00 ms",
      "remote: 4.00 ms",
    ]);
    const [call, outer, leaf, leafy, remote] = slices;
    // The call spans the plot; its steps share it, one after the other, one row down.
    expect(remote!.y).toBeGreaterThan(call!.y);
    expect(outer!.y).toBe(remote!.y);
    expect(outer!.x).toBeCloseTo(call!.x, 1);
    expect(remote!.width + outer!.width).toBeCloseTo(call!.width, 1);
    expect(leafy!.y).toBeGreaterThan(leaf!.y);
    expect(leaf!.y).toBeGreaterThan(outer!.y);
    // The failed step is red, its error in the tooltip, escaped.
    expect(remote!.fill).toBe("#e06666");
    expect(svg).toContain("error: Error: remote &lt;down&gt; &amp; out");
    expect(svg).not.toContain("<down>");
  });

  it("reads traces of other programs too: the array format, thread names, unknown phases", () => {
    const svg = renderFlameChart([
      { name: "thread_name", ph: "M", pid: 7, tid: 3, args: { name: "worker" } },
      { name: "parse", ph: "X", ts: 0, dur: 100, pid: 7, tid: 3 },
      { name: "tokenize", ph: "X", ts: 10, dur: 40, pid: 7, tid: 3 },
      { name: "counter", ph: "C", ts: 0, pid: 7, tid: 3, args: { value: 1 } },
      { name: "fetch", ph: "b", ts: 20, pid: 7, tid: 3, cat: "net", id: 5 },
      { name: "fetch", ph: "e", ts: 90, pid: 7, tid: 3, cat: "net", id: 5 },
    ]);
    expect(unbalancedTags(svg)).toEqual([]);
    expect(svg).toContain(">worker</text>");
    expect(svg).toContain(">async: fetch</text>");
    expect(slicesOf(svg).map((slice) => slice.title)).toEqual(["parse: 100 µs", "tokenize: 40.0 µs", "fetch: 70.0 µs"]);
  });

  it("draws only a window of time when asked, cutting the slices at its edges", () => {
    const events = [
      { name: "parse", ph: "X", ts: 0, dur: 100, pid: 1, tid: 1 },
      { name: "tokenize", ph: "X", ts: 10, dur: 20, pid: 1, tid: 1 },
      { name: "emit", ph: "X", ts: 80, dur: 10, pid: 1, tid: 1 },
    ];
    const svg = renderFlameChart(events, { width: 1170, window: { from: 0.02, to: 0.06 } });
    const slices = slicesOf(svg);
    // Tooltips keep the whole durations; the plot runs from x=170 to x=1160 for the 40 µs shown.
    expect(slices.map((slice) => [slice.title, slice.x, slice.width])).toEqual([
      ["parse: 100 µs", 170, 990],
      ["tokenize: 20.0 µs", 170, 247.5],
    ]);
    expect(svg).toContain(">40.0 µs shown</text>");
    expect(() => renderFlameChart(events, { window: { from: 5, to: 1 } })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: renderFlameChart: the window must run forwards, got from 5 ms to 1 ms]`,
    );
  });

  it("draws an empty trace as an empty chart, and refuses what is not a trace", () => {
    const { pm } = manager();
    const svg = renderFlameChart(profileHooks(pm).stop().toChromeTrace());
    expect(svg).toContain("no slices to show");
    expect(unbalancedTags(svg)).toEqual([]);
    expect(() => renderFlameChart({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: renderFlameChart needs a Chrome trace: an array of events or an object with traceEvents]`,
    );
  });
});
