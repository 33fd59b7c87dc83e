// nebari-plugin-local-tls: an installed plugin that replaces mini-nebari's built-in `02-network`
// stage. A stage is identified by its name: the candidate with the highest priority wins and
// runs in its own priority slot (25, between 02-network's 20 and 03-apps' 30); the built-in one
// is listed as shadowed by `mini-nebari info`. Its config section is checked with valibot while
// the built-ins use zod: both are Standard Schema validators.
import { randomBytes } from "node:crypto";
import { access, mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import { hookimpl, NebariStage, type StageOutputs } from "hooksmith/nebari";

/** The `network` section, as this stage reads it: the built-in keys plus `token_bytes`. */
const networkSchema = v.optional(
  v.strictObject({
    domain: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/, "a host name such as demo.local")), "localhost"),
    port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)), 8443),
    token_bytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(16), v.maxValue(64)), 32),
  }),
  {},
);

type NetworkConfig = v.InferOutput<typeof networkSchema>;

/**
 * `02-network` over https. It keeps the output contract of the stage it replaces (`url`, which
 * `03-apps` reads) and adds `tokenFile`.
 */
export class LocalTlsNetworkStage extends NebariStage<{ network: NetworkConfig }> {
  static override stageName = "02-network";
  static override priority = 25;
  static override configKey = "network";
  static override inputSchema = networkSchema;
  static override outputSchema = v.object({ url: v.string(), tokenFile: v.string() });

  get #url(): string {
    return `https://${this.config.network.domain}:${this.config.network.port}`;
  }

  get #tokenFile(): string {
    return join(this.outputDirectory, "secrets", "network.token");
  }

  override render() {
    const network = {
      domain: this.config.network.domain,
      port: this.config.network.port,
      scheme: "https",
      token: "secrets/network.token",
    };
    return { "stages/02-network/network.json": `${JSON.stringify(network, null, 2)}\n` };
  }

  override async deploy(stageOutputs: StageOutputs) {
    // The host's 01-state stage hands on the path of its JSON state store.
    const { stateFile } = (stageOutputs["01-state"] ?? {}) as { stateFile?: string };
    if (stateFile === undefined) throw new Error(`${this.name} needs the outputs of the 01-state stage`);
    // Idempotent: a second deploy keeps the token the first one generated.
    if (!(await exists(this.#tokenFile))) {
      await mkdir(join(this.outputDirectory, "secrets"), { recursive: true, mode: 0o700 });
      await writeFile(this.#tokenFile, `${randomBytes(this.config.network.token_bytes).toString("hex")}\n`, { mode: 0o600 });
    }
    stageOutputs[this.name] = { url: this.#url, tokenFile: this.#tokenFile };
    await record(stateFile, this.name, { url: this.#url, tokenFile: "secrets/network.token" });
  }

  override async check() {
    const token = (await readFile(this.#tokenFile, "utf8")).trim();
    if (!/^[0-9a-f]{32,128}$/.test(token)) throw new Error(`${this.#tokenFile} does not hold a token`);
  }

  override async destroy(stageOutputs: StageOutputs) {
    await rm(this.#tokenFile, { force: true });
    const { stateFile } = (stageOutputs["01-state"] ?? {}) as { stateFile?: string };
    if (stateFile !== undefined) await record(stateFile, this.name, undefined);
    const secrets = join(this.outputDirectory, "secrets");
    if ((await readdir(secrets).catch(() => ["?"])).length === 0) await rmdir(secrets);
  }
}

export const nebari_stage = hookimpl(() => [LocalTlsNetworkStage]);

/**
 * Records (or, with `undefined`, forgets) this stage's resources in mini-nebari's JSON state
 * store: `{ resources: { [stage]: value } }`.
 */
async function record(stateFile: string, stage: string, value: unknown): Promise<void> {
  let state: { resources?: Record<string, unknown> };
  try {
    state = JSON.parse(await readFile(stateFile, "utf8")) as typeof state;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const resources = { ...state.resources };
  if (value === undefined) delete resources[stage];
  else resources[stage] = value;
  await writeFile(stateFile, `${JSON.stringify({ ...state, resources }, null, 2)}\n`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
