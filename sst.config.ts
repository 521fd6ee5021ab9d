import type { SSTConfig } from "sst";
import { Data } from "./stacks/data.js";

export default {
  config() {
    return { name: "amparo", region: "eu-west-1" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64" });
    app.stack(Data);
  },
} satisfies SSTConfig;
