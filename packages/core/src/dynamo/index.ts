// The dynamo folder's public face: the client (client.ts), key layout (keys.ts), expressions (expression.ts),
// reads (read.ts), writes (write.ts), transactions (transaction.ts), and why a write failed (conditions.ts,
// retry.ts). Only re-exports, so that those modules never import their folder back.
export { when, type Changes, type Condition } from "./expression.js";
export {
  Collection,
  counterShards,
  Index,
  IndexPartition,
  Key,
  KeyPrefix,
  outboxPrefix,
  rateWindowPrefix,
  contactPrefix,
  contactLinkPrefix,
  type Subject,
} from "./keys.js";

/**
 * The single table's key attributes: generic names so every domain shares one table (pk/sk for items, gsi1
 * for the second access pattern each domain needs). The infrastructure and the local runtime build the table
 * from these.
 */
export { attributes as keys } from "./keys.js";

export { documentClient, reset, tableName } from "./client.js";
export { get, getMany, queryCollection, queryIndex, queryIndexNewest, withoutKeys } from "./read.js";
export { batchWriteSize, put, putIfNew, putMany, remove, removeExpired, update } from "./write.js";
export { transact, tx } from "./transaction.js";
export { BusyError, transactionAttempts } from "./retry.js";
export { failedConditions, isConditionFailure, isTransactionConflict } from "./conditions.js";
