// The call folder's public face: a call's configuration (schema.ts, questions.ts, info.ts), how it is stored in
// versions (versions.ts), saved (save.ts) and read (read.ts), and its public view (public-view.ts). Only
// re-exports, so that those modules never import their folder back.
export {
  BudgetFile,
  BudgetFileType,
  CallId,
  ConceptNoteField,
  Criterion,
  Currency,
  defaultReportFields,
  FullApplication,
  FullApplicationDocument,
  Funding,
  Kind,
  Language,
  HelpContact,
  NextSteps,
  Award,
  AwardReport,
  PaymentMethodKind,
  Scale,
  Slug,
} from "./schema.js";

export { Option, Question, QuestionType, Rule } from "./questions.js";
export { Info, status, type InfoInput, type Status } from "./info.js";
export { newCall, type Stored } from "./versions.js";
export { createIfMissing, put, retentionSettings, Saved } from "./save.js";
export { forApplication, fromID, get, list } from "./read.js";
export * from "./public-view.js";
export { missingTexts, offeredLanguages, shownTextLanguage } from "./text-languages.js";
export { openingGaps, type OpeningGap, type StaffMember } from "./opening.js";
