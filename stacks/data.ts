import type { StackContext } from "sst/constructs";
import { Data as DataConstruct } from "../infra/data.js";
import { HmacSecret } from "../infra/hmac-secret.js";
import { Keys } from "../infra/keys.js";
import { acceptInStack } from "../infra/nag.js";
import { settingsFor } from "./settings.js";

/**
 * The customer-managed keys, the HMAC key secret and the table, kept (and protected from deletion) on the production stage only.
 * Separate from the functions so that redeploying code never risks the data.
 */
export function Data({ stack, app }: StackContext) {
  const { retain } = settingsFor(app.stage);
  const keys = new Keys(stack, "Keys", { retain });
  const data = new DataConstruct(stack, "Data", { retain, encryptionKey: keys.data });
  const hmac = new HmacSecret(stack, "Hmac", { retain });
  stack.addOutputs({ TableName: data.table.tableName });
  acceptInStack(stack);
  return { table: data.table, keys, hmacSecret: hmac.secret };
}
