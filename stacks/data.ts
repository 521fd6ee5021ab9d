import type { StackContext } from "sst/constructs";
import { Data as DataConstruct } from "../infra/data.js";

/** The table, kept (and protected from deletion) on the production stage only. */
export function Data({ stack, app }: StackContext) {
  const data = new DataConstruct(stack, "Data", { retain: app.stage === "production" });
  stack.addOutputs({ TableName: data.table.tableName });
  return { table: data.table };
}
