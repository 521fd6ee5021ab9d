// The application folder's public face: the records, save and submit (application.ts) and the parts kept in their
// own modules. Only re-exports, so that the modules can import application.ts without importing themselves back.
export * from "./application.js";
export * from "./budget-upload.js";
export { sweepAbandonedDrafts } from "./drafts.js";
export * from "./full-application.js";
