import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  NebariStage,
  resolveStages,
  StageConfigConflictError,
  StageConfigError,
  StageDefinitionError,
  validateStageConfig,
  type StageConfigOwner,
  type StandardSchemaV1,
  type StageWarning,
} from "../../src/index.ts";

const quiet = { warn: () => {} };

class MlflowStage extends NebariStage {
  static override stageName = "mlflow";
  static override priority = 102;
  static override configKey = "mlflow";
  static override inputSchema = z.object({ enabled: z.boolean() });
}

class StorageStage extends NebariStage {
  static override stageName = "07-kubernetes-services";
  static override priority = 70;
  static override configKey = "storage";
  static override inputSchema = v.optional(v.object({ conda_store: v.optional(v.string(), "200Gi") }), {});
}

const provider = z.enum(["local", "existing", "aws", "gcp", "azure"]);

/** Owns several provider sections and checks them together, like Nebari's infrastructure stage. */
class InfrastructureStage extends NebariStage {
  static override stageName = "02-infrastructure";
  static override priority = 20;
  static override configKeys = ["provider", "local", "existing"];
  static override inputSchema = z
    .object({ provider: provider.optional(), local: z.object({}).optional(), existing: z.object({}).optional() })
    .transform((config, context) => {
      const present = (["local", "existing"] as const).filter((key) => config[key] !== undefined);
      if (present.length > 1) {
        context.addIssue({ code: "custom", message: `Multiple providers set: ${JSON.stringify(present)}` });
        return z.NEVER;
      }
      return { ...config, provider: config.provider ?? present[0] ?? "local" };
    });
}

const main: StageConfigOwner = {
  stageName: "main",
  configKeys: ["project_name", "namespace"],
  inputSchema: z.object({ project_name: z.string(), namespace: z.string().default("dev") }),
};

async function configError(promise: Promise<unknown>): Promise<StageConfigError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return error as StageConfigError;
  }
  throw new Error("expected a StageConfigError");
}

/** A Standard Schema validator that counts its calls and accepts everything. */
function counting(): StandardSchemaV1 & { calls: number } {
  const schema = {
    calls: 0,
    "~standard": {
      version: 1 as const,
      vendor: "test",
      validate: (value: unknown) => {
        schema.calls += 1;
        return { value };
      },
    },
  };
  return schema;
}

describe("validateStageConfig", () => {
  it("validates each stage's section and fills in defaults (valibot)", async () => {
    const { config, warnings } = await validateStageConfig([main, StorageStage], { project_name: "test" });
    expect(config).toEqual({ project_name: "test", namespace: "dev", storage: { conda_store: "200Gi" } });
    expect(warnings).toEqual([]);
  });

  it("keeps the input untouched and returns a new object", async () => {
    const input = { project_name: "test" };
    const { config } = await validateStageConfig([main, StorageStage], input);
    expect(input).toEqual({ project_name: "test" });
    expect(config).not.toBe(input);
  });

  it("names the stage and the path of every issue, across stages (zod and valibot)", async () => {
    const error = await configError(
      validateStageConfig([main, StorageStage, MlflowStage], {
        project_name: 1,
        storage: { conda_store: 5 },
        mlflow: { enabled: "yes" },
      }),
    );
    expect(error.code).toBe("HOOKSMITH_INVALID_CONFIG");
    expect(error.issues.map(({ stage, path }) => [stage, path])).toEqual([
      ["main", ["project_name"]],
      ["07-kubernetes-services", ["storage", "conda_store"]],
      ["mlflow", ["mlflow", "enabled"]],
    ]);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid config (3 issues):
        - stage "main" at project_name: Invalid input: expected string, received number
        - stage "07-kubernetes-services" at storage.conda_store: Invalid type: Expected string but received 5
        - stage "mlflow" at mlflow.enabled: Invalid input: expected boolean, received string"
    `);
  });

  it("reports a missing required section of a stage", async () => {
    const error = await configError(validateStageConfig([MlflowStage], {}));
    expect(error.issues).toEqual([
      { stage: "mlflow", path: ["mlflow"], message: "Invalid input: expected object, received undefined" },
    ]);
  });

  it("lets a whole-config schema check several sections together and own them", async () => {
    const { config } = await validateStageConfig([main, InfrastructureStage], { project_name: "p", existing: {} });
    expect(config).toEqual({ project_name: "p", namespace: "dev", existing: {}, provider: "existing" });
    const error = await configError(
      validateStageConfig([main, InfrastructureStage], { project_name: "p", local: {}, existing: {} }),
    );
    expect(error.message).toContain('stage "02-infrastructure" at (root): Multiple providers set: ["local","existing"]');
  });

  it("reports an invalid enum value with the permitted ones", async () => {
    const error = await configError(validateStageConfig([InfrastructureStage], { provider: "fake" }));
    expect(error.issues[0]?.path).toEqual(["provider"]);
    expect(error.issues[0]?.message).toContain("local");
  });

  describe("unknown top-level keys", () => {
    it("warns by default and keeps the key", async () => {
      const seen: Error[] = [];
      const { config, warnings } = await validateStageConfig(
        [main],
        { project_name: "p", mlflow: { enabled: true } },
        {
          warn: (warning) => seen.push(warning),
        },
      );
      expect(config["mlflow"]).toEqual({ enabled: true });
      expect(warnings.map((warning: StageWarning) => [warning.code, warning.reference])).toEqual([
        ["HOOKSMITH_UNKNOWN_CONFIG_KEY", "mlflow"],
      ]);
      expect(seen).toEqual(warnings);
      expect(warnings[0]?.message).toMatchInlineSnapshot(
        `"Config key "mlflow" is owned by no active stage; it is kept as it is, without validation"`,
      );
    });

    it("is an issue under the error policy", async () => {
      const error = await configError(validateStageConfig([main], { project_name: "p", typo_key: 1 }, { unknownKeys: "error" }));
      expect(error.issues).toEqual([
        {
          stage: undefined,
          path: ["typo_key"],
          message: "no active stage owns this key (is its plugin missing, or its stage excluded?)",
        },
      ]);
    });

    it("is kept silently under the ignore policy", async () => {
      const seen: Error[] = [];
      const result = await validateStageConfig(
        [main],
        { project_name: "p", extra: 1 },
        { unknownKeys: "ignore", warn: (warning) => seen.push(warning) },
      );
      expect(result.warnings).toEqual([]);
      expect(seen).toEqual([]);
      expect(result.config["extra"]).toBe(1);
    });

    it("applies to the section of an excluded stage", async () => {
      const stages = resolveStages([MlflowStage, StorageStage], { excludeStages: ["mlflow"] });
      const raw = { storage: {}, mlflow: { enabled: "not even valid" } };
      const error = await configError(validateStageConfig(stages, raw, { unknownKeys: "error" }));
      expect(error.issues.map((issue) => issue.path)).toEqual([["mlflow"]]);
      const { config } = await validateStageConfig(stages, raw, { unknownKeys: "warn", ...quiet });
      expect(config["mlflow"]).toEqual({ enabled: "not even valid" });
    });

    it("never reports knownKeys or keys a stage declares without a schema", async () => {
      class Reader extends NebariStage {
        static override stageName = "10-kuberhealthy";
        static override priority = 100;
        static override configKey = "monitoring";
      }
      const result = await validateStageConfig(
        [Reader],
        { monitoring: { enabled: true }, project_name: "p" },
        {
          unknownKeys: "error",
          knownKeys: ["project_name"],
        },
      );
      expect(result.config).toEqual({ monitoring: { enabled: true }, project_name: "p" });
    });
  });

  it("rejects two stages validating one key with different schemas", async () => {
    class Other extends NebariStage {
      static override stageName = "other-mlflow";
      static override priority = 103;
      static override configKey = "mlflow";
      static override inputSchema = z.object({ url: z.string() });
    }
    await expect(validateStageConfig([MlflowStage, Other], { mlflow: {} })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StageConfigConflictError: Config conflict: stages "mlflow" and "other-mlflow" both validate the top-level key "mlflow"; let one own it and have the other declare it without an inputSchema, or share one schema object]`,
    );
    await expect(validateStageConfig([MlflowStage, Other], { mlflow: {} })).rejects.toBeInstanceOf(StageConfigConflictError);
  });

  it("validates a schema shared by two stages once", async () => {
    const shared = counting();
    class Kuberhealthy extends NebariStage {
      static override stageName = "10-kuberhealthy";
      static override priority = 100;
      static override configKey = "monitoring";
      static override inputSchema = shared;
    }
    class Healthchecks extends NebariStage {
      static override stageName = "11-healthchecks";
      static override priority = 110;
      static override configKey = "monitoring";
      static override inputSchema = shared;
    }
    await validateStageConfig([Kuberhealthy, Healthchecks], { monitoring: {} });
    expect(shared.calls).toBe(1);
  });

  it("awaits asynchronous schemas", async () => {
    class AsyncStage extends NebariStage {
      static override stageName = "async";
      static override priority = 1;
      static override configKey = "remote";
      static override inputSchema = v.pipeAsync(
        v.string(),
        v.checkAsync(async (value) => value.startsWith("https://"), "must be an https URL"),
      );
    }
    await expect(validateStageConfig([AsyncStage], { remote: "https://x" })).resolves.toMatchObject({
      config: { remote: "https://x" },
    });
    const error = await configError(validateStageConfig([AsyncStage], { remote: "http://x" }));
    expect(error.issues).toEqual([{ stage: "async", path: ["remote"], message: "must be an https URL" }]);
  });

  it("keeps a value computed by a whole-config schema, as Nebari's Main computes escaped_project_name", async () => {
    // Nebari's schema.Main derives `escaped_project_name` from `project_name`; a host owner that
    // ports it as a transform must find the computed value in the validated config.
    const project: StageConfigOwner = {
      stageName: "main",
      configKeys: ["project_name"],
      inputSchema: z
        .object({ project_name: z.string() })
        .transform((config) => ({ ...config, escaped_project_name: config.project_name.replace(/[^a-z0-9]/g, "") })),
    };
    const { config, warnings } = await validateStageConfig([project, StorageStage], { project_name: "my-project" }, quiet);
    expect(config).toEqual({ project_name: "my-project", escaped_project_name: "myproject", storage: { conda_store: "200Gi" } });
    expect(warnings).toEqual([]);
  });

  it("does not let a computed value replace a key of the input or one another stage owns", async () => {
    const sneaky: StageConfigOwner = {
      stageName: "sneaky",
      inputSchema: z.object({}).transform(() => ({ mlflow: { enabled: false }, stray: "computed" })),
    };
    const { config } = await validateStageConfig([sneaky, MlflowStage], { mlflow: { enabled: true }, stray: "given" }, quiet);
    expect(config).toEqual({ mlflow: { enabled: true }, stray: "given" });
  });

  it("reports a key computed by two stages' schemas", async () => {
    const computing = (stageName: string, value: string): StageConfigOwner => ({
      stageName,
      inputSchema: z.object({}).transform(() => ({ slug: value })),
    });
    const error = await configError(validateStageConfig([computing("a", "x"), computing("b", "y")], {}));
    expect(error.issues).toEqual([
      {
        stage: "b",
        path: ["slug"],
        message: 'this key is also computed by the inputSchema of stage "a"; let one stage own it (configKeys)',
      },
    ]);
  });

  it("rejects a config that is not an object", async () => {
    await expect(validateStageConfig([main], ["a"])).rejects.toThrowErrorMatchingInlineSnapshot(`
      [StageConfigError: Invalid config (1 issue):
        - at (root): the config must be an object, got an array]
    `);
  });

  it("rejects a malformed owner", async () => {
    await expect(validateStageConfig([{ stageName: "x", configKey: "" }], {})).rejects.toBeInstanceOf(StageDefinitionError);
    await expect(validateStageConfig([{ stageName: "x", inputSchema: {} as StandardSchemaV1 }], {})).rejects.toThrow(
      "inputSchema must be a Standard Schema validator",
    );
  });
});
