// Starts each kind of runtime on the consumer project and collects the program's transcript:
// Node, Deno and Bun as command-line programs (the transcript is their standard output), workerd
// serving the worker on a loopback port chosen by the system, and headless Chromium loading a page
// from a loopback server, to which the page posts its transcript. Every process started here is
// ended here, by its id, also when a run fails or times out.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ConsumerProject } from "./consumer.ts";

const execFileAsync = promisify(execFile);

/** What one run of the program produced. */
export interface ProgramRun {
  /** The transcript: one line per observation, each ending in a newline. */
  readonly transcript: string;
  /** What the runtime itself printed on its standard error (its warnings, its logs). */
  readonly stderr: string;
  /** Chromium: the Content Security Policy violations the page saw, as `directive blocked-uri`. */
  readonly violations?: readonly string[];
}

/** How long one runtime may take before its run fails. */
const runTimeoutMs = 30_000;

/** The environment of a runtime: only what it needs, so that the developer's settings do not leak in. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? tmpdir(), NO_COLOR: "1", ...extra };
}

/** The first line a binary prints for `--version`. */
export async function binaryVersion(binary: string): Promise<string> {
  const { stdout } = await execFileAsync(binary, ["--version"], { timeout: runTimeoutMs });
  return stdout.trim().split("\n")[0]!.trim();
}

/** Runs the program as a command-line program (Node, Deno, Bun) in the consumer project. */
export async function runCommand(
  binary: string,
  args: readonly string[],
  project: ConsumerProject,
  env: Record<string, string>,
): Promise<ProgramRun> {
  try {
    const { stdout, stderr } = await execFileAsync(binary, args, {
      cwd: project.dir,
      env: baseEnv(env),
      timeout: runTimeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 16 * 1024 * 1024,
    });
    return { transcript: stdout, stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: unknown; signal?: unknown };
    throw new Error(
      `${binary} ${args.join(" ")} failed (exit ${String(failed.code)}, signal ${String(failed.signal)})\n` +
        `stdout:\n${failed.stdout ?? ""}\nstderr:\n${failed.stderr ?? ""}`,
      { cause: error },
    );
  }
}

/** Output of a child process, collected as text. */
function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => (text += chunk));
  return () => text;
}

/** Ends a child started here (and, with `group`, the processes it started) and waits for it. */
async function stop(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // Already gone.
  }
  await exited;
}

/** Rejects after `ms`, naming what did not happen, with the output gathered so far. */
function deadline(ms: number, what: string, output: () => string): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s\n${output()}`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Serves the worker bundle with workerd (no compatibility flags) on a loopback port the system
 * chooses (workerd reports it on its control pipe), fetches `/`, and returns the response body.
 */
export async function runWorkerd(binary: string, compatibilityDate: string, project: ConsumerProject): Promise<ProgramRun> {
  const config = join(project.dir, "workerd.capnp");
  await writeFile(
    config,
    [
      'using Workerd = import "/workerd/workerd.capnp";',
      "",
      "const config :Workerd.Config = (",
      '  services = [(name = "main", worker = .worker)],',
      '  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],',
      ");",
      "",
      "const worker :Workerd.Worker = (",
      `  modules = [(name = "worker.js", esModule = embed "${project.workerBundle}")],`,
      `  compatibilityDate = "${compatibilityDate}",`,
      ");",
      "",
    ].join("\n"),
  );
  const child = spawn(binary, ["serve", config, "--control-fd=3"], {
    cwd: project.dir,
    env: baseEnv({}),
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const output = (): string => `workerd stdout:\n${stdout()}\nworkerd stderr:\n${stderr()}`;
  const timeout = deadline(runTimeoutMs, "workerd did not answer", output);
  try {
    const port = await Promise.race([listenPort(child), timeout.promise]);
    const response = await Promise.race([fetch(`http://127.0.0.1:${port}/`), timeout.promise]);
    const transcript = await Promise.race([response.text(), timeout.promise]);
    if (response.status !== 200) throw new Error(`workerd answered ${response.status}:\n${transcript}\n${output()}`);
    // workerd writes the worker's console output as it comes; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { transcript, stderr: stdout() + stderr() };
  } finally {
    timeout.cancel();
    await stop(child, false);
  }
}

/** The port of workerd's socket "http", from the JSON events on its control pipe (fd 3). */
function listenPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const control = child.stdio[3] as NodeJS.ReadableStream;
    control.setEncoding("utf8");
    control.on("data", (chunk: string) => {
      buffer += chunk;
      for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
        const event = JSON.parse(buffer.slice(0, newline)) as { event?: string; socket?: string; port?: number };
        buffer = buffer.slice(newline + 1);
        if (event.event === "listen" && event.socket === "http" && typeof event.port === "number") resolve(event.port);
      }
    });
    child.once("exit", (code, signal) => reject(new Error(`workerd exited (code ${code}, signal ${signal}) before listening`)));
  });
}

/**
 * Chromium's flags for this machine: headless, no connection but to the page's own server, and
 * the page's console written to standard error.
 */
const chromiumFlags = [
  "--enable-logging=stderr",
  "--v=0",
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Loads a page that runs the browser bundle in headless Chromium and returns the transcript the
 * page posts back. With `strictCsp`, the page and script are served under a Content Security
 * Policy without 'unsafe-eval' (as many sites are), where `new Function` throws.
 */
export async function runChromium(binary: string, project: ConsumerProject, strictCsp: boolean): Promise<ProgramRun> {
  const script = await readFile(project.browserBundle);
  let resolveReport!: (report: { transcript: string; violations: string[] }) => void;
  const report = new Promise<{ transcript: string; violations: string[] }>((resolve) => (resolveReport = resolve));
  const csp: Record<string, string> = strictCsp ? { "content-security-policy": "default-src 'self'; script-src 'self'" } : {};
  const server: Server = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/") {
      response.writeHead(200, { ...csp, "content-type": "text/html; charset=utf-8" });
      response.end(
        '<!doctype html>\n<meta charset="utf-8">\n<title>hooksmith core program</title>\n<script type="module" src="/program.js"></script>\n',
      );
    } else if (request.method === "GET" && request.url === "/program.js") {
      response.writeHead(200, { ...csp, "content-type": "text/javascript; charset=utf-8" });
      response.end(script);
    } else if (request.method === "POST" && request.url === "/transcript") {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        response.end("ok");
        resolveReport(JSON.parse(body) as { transcript: string; violations: string[] });
      });
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  const profile = await mkdtemp(join(tmpdir(), "hooksmith-chromium-"));
  // Its own process group, so that its helper processes end with it.
  const child = spawn(binary, [...chromiumFlags, `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/`], {
    env: baseEnv({}),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const output = (): string => `chromium stdout:\n${stdout()}\nchromium stderr:\n${stderr()}`;
  const timeout = deadline(runTimeoutMs, "the page did not post its transcript", output);
  const exited = once(child, "exit").then(([code, signal]) => {
    throw new Error(`chromium exited (code ${code}, signal ${signal}) before the page posted its transcript\n${output()}`);
  });
  try {
    const { transcript, violations } = await Promise.race([report, timeout.promise, exited]);
    return { transcript, stderr: stderr(), violations };
  } finally {
    exited.catch(() => undefined);
    timeout.cancel();
    await stop(child, true);
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
