// mini-nebari's built-in stages: real local work (files, a JSON state store, outputs handed to
// later stages), no cloud. They are a plugin like any other, registered as built-in, so
// `--exclude-default-stages` leaves them out and an installed plugin can override one by name.
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { hookimpl, NebariStage, type StageOutputs, type StageRunOptions } from "hooksmith/nebari";
import { StateStore } from "./state-store.ts";

/** The config keys mini-nebari itself owns (validated by {@link projectConfigOwner}). */
export const projectSchema = z.object({
  project_name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, "use 2 to 31 lowercase letters, digits and dashes, starting with a letter"),
});

/** The host's config owner: `project_name`, checked before the stages' own sections. */
export const projectConfigOwner = { stageName: "mini-nebari", configKeys: ["project_name"], inputSchema: projectSchema } as const;

/** The validated config as the built-in stages read it (each stage reads only its own section). */
export type ProjectConfig = z.infer<typeof projectSchema> & Record<string, unknown>;

const stateOutputs = z.object({ stateFile: z.string() });
const networkOutputs = z.object({ url: z.string().url() });

/**
 * Reads another stage's outputs, checked against that stage's output schema, so a stage fails
 * with a clear message (not a `TypeError` later) when the stage it builds on did not run.
 *
 * @param stageOutputs - The run's shared outputs.
 * @param stage - The stage whose outputs are needed.
 * @param schema - Their shape.
 * @param reader - The stage asking, for the message.
 * @returns The outputs.
 */
export function outputsOf<Schema extends z.ZodType>(
  stageOutputs: StageOutputs,
  stage: string,
  schema: Schema,
  reader: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(stageOutputs[stage]);
  if (!parsed.success) {
    throw new Error(`${reader} needs the outputs of stage "${stage}" (is it excluded, or did it not run?)`);
  }
  return parsed.data;
}

/**
 * `01-state`: the JSON state store under the output directory. Deploy opens (or creates) it and
 * hands its path to later stages; destroy runs last (destroy order is descending) and deletes it.
 */
export class StateStage extends NebariStage<ProjectConfig> {
  static override stageName = "01-state";
  static override priority = 10;
  static override outputSchema = stateOutputs;

  override render() {
    const backend = { backend: "local", path: ".mini-nebari/state.json", project: this.config.project_name };
    return { "stages/01-state/backend.json": `${JSON.stringify(backend, null, 2)}\n` };
  }

  override async deploy(stageOutputs: StageOutputs) {
    const store = new StateStore(this.outputDirectory);
    await store.open(this.config.project_name);
    stageOutputs[this.name] = { stateFile: store.file };
  }

  override async check() {
    const state = await new StateStore(this.outputDirectory).read();
    return state?.project === this.config.project_name;
  }

  override async *destroy(stageOutputs: StageOutputs) {
    // Prepare (ascending): later stages' destroys need the store's path.
    const store = new StateStore(this.outputDirectory);
    stageOutputs[this.name] = { stateFile: store.file };
    yield;
    // Destroy (descending, so after every later stage): nothing is left to track.
    await store.remove();
  }
}

/** The `network` section of the config. */
export const networkSchema = z
  .object({
    domain: z
      .string()
      .regex(/^[a-z0-9.-]+$/, "a host name such as demo.local")
      .default("localhost"),
    port: z.number().int().min(1).max(65535).default(8080),
  })
  .strict()
  .default({ domain: "localhost", port: 8080 });

/**
 * `02-network`: allocates the project's address and records it in the state store; later stages
 * read `stageOutputs["02-network"].url`. A plugin can replace this stage with a higher priority
 * (see examples/plugins/nebari-plugin-local-tls) as long as it keeps that output.
 */
export class NetworkStage extends NebariStage<ProjectConfig & { network: z.infer<typeof networkSchema> }> {
  static override stageName = "02-network";
  static override priority = 20;
  static override configKey = "network";
  static override inputSchema = networkSchema;
  static override outputSchema = networkOutputs;

  get url(): string {
    return `http://${this.config.network.domain}:${this.config.network.port}`;
  }

  override render() {
    return { "stages/02-network/network.json": `${JSON.stringify({ ...this.config.network, scheme: "http" }, null, 2)}\n` };
  }

  override async deploy(stageOutputs: StageOutputs) {
    outputsOf(stageOutputs, "01-state", stateOutputs, this.name);
    await new StateStore(this.outputDirectory).set(this.name, { url: this.url });
    stageOutputs[this.name] = { url: this.url };
  }

  override async check() {
    const recorded = (await new StateStore(this.outputDirectory).get(this.name)) as { url?: string } | undefined;
    if (recorded?.url !== this.url) throw new Error(`the state store does not record ${this.url}`);
  }

  override async destroy() {
    await new StateStore(this.outputDirectory).delete(this.name);
  }
}

/** The `apps` section of the config. */
export const appsSchema = z
  .array(
    z
      .object({
        name: z.string().regex(/^[a-z][a-z0-9-]*$/, "a lowercase name"),
        replicas: z.number().int().min(1).max(10).default(1),
      })
      .strict(),
  )
  .min(1)
  .default([{ name: "hub", replicas: 1 }]);

type App = z.infer<typeof appsSchema>[number];

/**
 * `03-apps`: "runs" each app of the config: one deployment file per app under
 * `<output>/deployments/`, with its endpoint on the network stage's URL.
 */
export class AppsStage extends NebariStage<ProjectConfig & { apps: App[] }> {
  static override stageName = "03-apps";
  static override priority = 30;
  static override configKey = "apps";
  static override inputSchema = appsSchema;
  static override outputSchema = z.object({ endpoints: z.record(z.string(), z.string()) });

  get #deployments(): string {
    return join(this.outputDirectory, "deployments");
  }

  override render() {
    const files: Record<string, string> = {};
    for (const app of this.config.apps) {
      files[`stages/03-apps/${app.name}.json`] = `${JSON.stringify({ kind: "App", ...app }, null, 2)}\n`;
    }
    return files;
  }

  override async deploy(stageOutputs: StageOutputs, { signal }: StageRunOptions) {
    const { url } = outputsOf(stageOutputs, "02-network", networkOutputs, this.name);
    await mkdir(this.#deployments, { recursive: true });
    const endpoints: Record<string, string> = {};
    for (const app of this.config.apps) {
      signal.throwIfAborted();
      endpoints[app.name] = `${url}/${app.name}`;
      const deployment = { ...app, endpoint: endpoints[app.name], status: "running" };
      await writeFile(join(this.#deployments, `${app.name}.json`), `${JSON.stringify(deployment, null, 2)}\n`);
    }
    await new StateStore(this.outputDirectory).set(this.name, { apps: this.config.apps.map((app) => app.name), endpoints });
    stageOutputs[this.name] = { endpoints };
  }

  override async check() {
    for (const app of this.config.apps) {
      const deployment = JSON.parse(await readFile(join(this.#deployments, `${app.name}.json`), "utf8")) as { status?: string };
      if (deployment.status !== "running") return false;
    }
    return true;
  }

  override async *destroy(stageOutputs: StageOutputs) {
    // Prepare: refresh this stage's outputs from the state store, for stages destroyed before it.
    const recorded = (await new StateStore(this.outputDirectory).get(this.name)) as
      { apps?: string[]; endpoints?: Record<string, string> } | undefined;
    stageOutputs[this.name] = { endpoints: recorded?.endpoints ?? {} };
    yield;
    for (const name of recorded?.apps ?? []) await rm(join(this.#deployments, `${name}.json`), { force: true });
    if ((await readdir(this.#deployments).catch(() => ["?"])).length === 0) await rmdir(this.#deployments);
    await new StateStore(this.outputDirectory).delete(this.name);
  }
}

/** The built-in stage plugin: registered as `builtin:stages`. */
export const nebari_stage = hookimpl(() => [StateStage, NetworkStage, AppsStage]);
