// design/API.md's HelloWorldStage snippet, verbatim, after the one type import it leaves out (the
// snippet uses StageOutputs and StageStatus without importing them). Tests type-check it and load
// it as a real plugin file.
export const apiMdHelloWorldPlugin = `import type { StageOutputs, StageStatus } from "hooksmith";
import { hookimpl, NebariStage } from "hooksmith/nebari";

class HelloWorldStage extends NebariStage {
  static stageName = "hello_world";
  static priority = 100;
  render() { return { "hello_world.txt": "File that says hello world" }; }
  async *deploy(stageOutputs: StageOutputs) {
    process.env.HELLO = "WORLD";
    stageOutputs[this.name] = { hello: "world" };
    yield;
    delete process.env.HELLO;
  }
  check() { if (!process.env.HELLO) throw new Error("stage did not deploy"); }
  async *destroy(stageOutputs: StageOutputs, status: StageStatus) { yield; }
}

export const nebari_stage = hookimpl(() => [HelloWorldStage]);
`;
