// The StageOutputs augmentation made through hooksmith/nebari is seen through hooksmith too.
import { deployStages } from "hooksmith";
import { KitchenStage } from "./stage-plugin.js";

export async function deployKitchen(outputDirectory: string): Promise<number | undefined> {
  const outputs = await deployStages([KitchenStage], { config: {}, outputDirectory });
  return outputs.kitchen?.plates;
}
