// The hello-world stage of Nebari's plugin examples (nebari-plugin-examples), as a hooksmith/nebari
// plugin: it renders one file, sets HELLO=WORLD for the stages deployed after it (and unsets it
// when the deploy unwinds), publishes { hello: "world" } in stageOutputs, and checks that HELLO is
// set. Nebari's original took no `disablePrompt` argument and so failed under current Nebari, and
// left HELLO set when a later stage failed.
import { hookimpl, NebariStage, type StageOutputs, type StageStatus } from "hooksmith/nebari";

/** The hello_world stage (priority 100). */
export class HelloWorldStage extends NebariStage {
  static override stageName: string = "hello_world";
  static override priority: number = 100;

  override render(): Record<string, string> {
    return { "hello_world.txt": "File that says hello world" };
  }

  override async *deploy(stageOutputs: StageOutputs): AsyncGenerator<void, void, unknown> {
    // For the stages that run after this one, while the deploy is open. `finally` also unsets
    // it when a later stage fails (the failure is thrown in at the `yield`).
    process.env["HELLO"] = "WORLD";
    stageOutputs[this.name] = { hello: "world" };
    try {
      yield;
    } finally {
      delete process.env["HELLO"];
    }
  }

  override check(): void {
    if (!process.env["HELLO"]) throw new Error("stage did not deploy: HELLO is not set");
  }

  override async *destroy(_stageOutputs: StageOutputs, _status: StageStatus): AsyncGenerator<void, void, unknown> {
    yield;
  }
}

/** Contributes the stage class (not an instance). */
export const nebari_stage = hookimpl(() => [HelloWorldStage]);
