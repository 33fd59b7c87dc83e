// A stage plugin that imports only hooksmith/nebari, and describes its output by augmenting the
// module it imports StageOutputs from.
import { hookimpl, NebariStage, type StageOutputs } from "hooksmith/nebari";

declare module "hooksmith/nebari" {
  interface StageOutputs {
    kitchen?: { plates: number };
  }
}

export class KitchenStage extends NebariStage {
  static override stageName = "kitchen";
  static override priority = 10;

  override async deploy(stageOutputs: StageOutputs): Promise<void> {
    stageOutputs.kitchen = { plates: 4 };
  }

  override check(stageOutputs: StageOutputs): boolean {
    const plates: number | undefined = stageOutputs.kitchen?.plates;
    return plates === 4;
  }
}

export const nebari_stage = hookimpl(() => [KitchenStage]);
