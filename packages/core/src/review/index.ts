// The review folder's public face: access, assignments, reviews and lists (review.ts), the staff downloads
// (downloads.ts), the moves of many at once (bulk.ts) and the coordinators' table (table.ts). Only re-exports,
// so that those modules can import review.ts without importing themselves back.
export * from "./review.js";
export { downloadBudgetFile, downloadDocument } from "./downloads.js";
export * from "./bulk.js";
export * from "./table.js";
