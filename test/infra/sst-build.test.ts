import { expect, it } from "vitest";
import { type Built, sstBuild } from "../support/sst-build.js";
import { describeStacks } from "./stack-assertions.js";

// What `sst build` writes, which is what `sst deploy` deploys, built offline (test/support/sst-build.ts).
let built: Built;
describeStacks("ci", async () => (built = await sstBuild("ci")));

it("asks AWS only who the caller is and whether the account is bootstrapped", () => {
  expect(built.calls).toEqual([
    { service: "sts", action: "GetCallerIdentity" },
    { service: "cloudformation", action: "DescribeStacks", stackName: "CDKToolkit" },
    { service: "cloudformation", action: "DescribeStacks", stackName: "SSTBootstrap" },
  ]);
});
