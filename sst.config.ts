import type { SSTConfig } from "sst";
import { Data } from "./stacks/data.js";
import { Web } from "./stacks/web.js";

export default {
  config() {
    return { name: "amparo", region: "eu-west-1" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64" });
    app.stack(Data).stack(Web);
  },
} satisfies SSTConfig;
