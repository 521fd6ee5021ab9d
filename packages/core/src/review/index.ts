// The review folder's public face: the access gate and assignments (access.ts), assigning and declaring
// (assign.ts), scoring (scoring.ts), the staff lists (lists.ts) and view (staff-view.ts), the staff downloads,
// the moves of many at once and the coordinators' table. Only re-exports: no module of the folder imports it.
export { access, assignments, Assignment, coordinated, readable, Status, type Access } from "./access.js";
export * from "./assign.js";
export * from "./scoring.js";
export * from "./lists.js";
export * from "./staff-view.js";
export { downloadBudgetFile, downloadDocument } from "./downloads.js";
export * from "./bulk.js";
export * from "./table.js";
