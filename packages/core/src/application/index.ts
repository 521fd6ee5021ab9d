// The application folder's public face: the record (record.ts), finding, starting, editing, submitting and
// showing applications, the parts it is made of (part.ts: the concept note, the budget file, the full
// application, the answer to a request for more information), and the draft sweep. Only re-exports; each module
// imports its siblings directly, so none imports this back.
export {
  BudgetFile,
  Decision,
  emailLocale,
  Funding,
  FundingInput,
  Identity,
  openNote,
  sealContent,
  sealNote,
  objectKeysOf,
  StoredItem,
  SuspendedFrom,
  type Info,
} from "./record.js";
export { ReportState } from "./award-stored.js";
export {
  dueFrom,
  reportOpen,
  reportPart,
  reportPartName,
  reportSpec,
  reportStates,
  reportStatus,
  type ReportStatus,
} from "./report-part.js";
export type { Agreement, PaymentState } from "./award-stored.js";
export { normalizeToken } from "./access-code.js";
export * from "./reading.js";
export { create, Created, CreateInput } from "./create.js";
export * from "./editing.js";
export * from "./submission.js";
export * from "./view.js";
export { staffIdentity, type StaffIdentity } from "./staff-identity.js";
export * from "./part.js";
export * from "./budget-upload.js";
export { sweepAbandonedDrafts } from "./drafts.js";
export * from "./full-application.js";
export * from "./more-info.js";
