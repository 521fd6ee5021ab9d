// The parts a call's configuration is built from: ids, kinds, the concept note's fields, funding, the budget
// file and other documents, the rubric, and the full application.
import { z } from "zod";
import { LocalizedText } from "../i18n/index.js";

/** Identifiers written by staff (call, question, option, rule, field, criterion ids): stable, URL-safe. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "lower-case letters, digits, - and _");

/** Call ids that would collide with the applicant's own pages under /apply. */
const reservedIds = ["my", "resume"];
export const CallId = Slug.refine((id) => !reservedIds.includes(id), "this id is reserved");

export const Kind = z.enum(["emergency", "grant"]);
export type Kind = z.infer<typeof Kind>;

export const ConceptNoteField = z.object({
  id: Slug,
  label: LocalizedText,
  help: LocalizedText.optional(),
  maxWords: z.number().int().positive(),
  required: z.boolean().default(true),
});

export const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR");

export const Funding = z
  .object({
    currency: Currency,
    min: z.number().int().nonnegative(),
    max: z.number().int().positive(),
    /** The request may be at most this many times the applicant's current annual budget; null for no limit. */
    maxRatioToAnnualBudget: z.number().positive().nullable(),
    maxMonths: z.number().int().positive(),
    /**
     * The eligibility question (a `number` one) whose answer is the applicant's annual budget: the funding step
     * then reads it from the quiz instead of asking again. Without one, the funding step asks for it.
     */
    annualBudgetQuestion: Slug.optional(),
  })
  .refine((funding) => funding.min <= funding.max, {
    path: ["min"],
    message: "min must not exceed max",
    params: { key: "call.issue.min_max" },
  });

/** File types a budget may come in, by the MIME type the client declares and the app re-checks. */
export const BudgetFileType = z.enum([
  "text/csv",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
]);

export const BudgetFile = z.object({
  required: z.boolean(),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024),
  types: z.array(BudgetFileType).min(1),
});

/**
 * What a score means on a criterion, so that reviewers score alike: the words for a 1 (`low`), a 3 (`mid`)
 * and a 5 (`high`). Named rather than keyed by number: a key "1" would read as a list index in form paths.
 */
export const Scale = z.object({ low: LocalizedText, mid: LocalizedText, high: LocalizedText });
export type Scale = z.infer<typeof Scale>;

export const Criterion = z.object({
  id: Slug,
  label: LocalizedText,
  weight: z.number().positive(),
  min: z.literal(1).default(1),
  max: z.literal(5).default(5),
  scale: Scale.optional(),
});

/** A document a full application asks for (a detailed budget, a work plan): the budget file's rules, with a name. */
export const FullApplicationDocument = BudgetFile.extend({
  id: Slug,
  label: LocalizedText,
  help: LocalizedText.optional(),
});
export type FullApplicationDocument = z.infer<typeof FullApplicationDocument>;

/**
 * A grant call's second stage: what shortlisted organisations write and send, how reviewers score it, how many
 * days they have to submit, and the decision clock that a submitted full application starts.
 */
export const FullApplication = z.object({
  fields: z.array(ConceptNoteField).min(1),
  documents: z.array(FullApplicationDocument).default([]),
  rubric: z.object({ criteria: z.array(Criterion).min(1) }),
  /** Days from the invitation (the shortlisting) to the due date; a coordinator may extend one application's. */
  days: z.number().int().positive(),
  /** The second decision clock, from the full application's submission: as the call's own days. */
  decisionDays: z.number().int().positive(),
  reminderDays: z.number().int().positive(),
  escalationDays: z.number().int().positive(),
});
export type FullApplication = z.infer<typeof FullApplication>;

/**
 * Somewhere to turn right now (a 24/7 helpline): its name, a line on what it does, and how to reach it, by phone
 * (an international number, dialled from a link), on the web (https) or by email; at least one of them.
 */
export const HelpContact = z
  .object({
    name: LocalizedText,
    description: LocalizedText.optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[0-9][0-9 ]{5,20}$/, "an international number, such as +353 1 210 0489")
      .optional(),
    url: z
      .url()
      .max(300)
      .refine((url) => url.startsWith("https://"), "an https:// address")
      .optional(),
    email: z.email().max(200).optional(),
  })
  .refine((contact) => contact.phone || contact.url || contact.email, {
    path: ["phone"],
    message: "a phone number, a web address or an email address",
    params: { key: "call.issue.help_contact" },
  });
export type HelpContact = z.infer<typeof HelpContact>;

/** A call's own words for what happens after each decision. */
export const NextSteps = z.object({ approved: LocalizedText.optional(), declined: LocalizedText.optional() });
export type NextSteps = z.infer<typeof NextSteps>;

/**
 * Language codes (BCP 47 base) applicants may write in. Tagalog's `tl` is Filipino's `fil`, as in the interface
 * (`canonicalLocale`), so one language has one code in calls, applications and counters.
 */
export const Language = z
  .string()
  .regex(/^[a-z]{2,3}$/)
  .transform((code) => (code === "tl" ? "fil" : code));

/** The ways an applicant can say the money may reach them; a call offers some of them. */
export const PaymentMethodKind = z.enum(["bank_transfer", "intermediary", "other"]);
export type PaymentMethodKind = z.infer<typeof PaymentMethodKind>;

/** What a report asks when its call names nothing: how the grant was used and what it made possible. */
export const defaultReportFields = [
  {
    id: "narrative",
    label: {
      en: "How the grant was used, and what it made possible",
      es: "Cómo se usó la subvención y qué hizo posible",
      pt: "Como o subsídio foi usado e o que ele tornou possível",
    },
    maxWords: 800,
    required: true,
  },
];

/**
 * A report the grant will owe, shown with the agreement: its name, its due date in days from the grant's start,
 * how many days before it the applicant is reminded, and what it asks (a narrative, financial documents), a part
 * of the application like the concept note.
 */
export const AwardReport = z.object({
  // Short: it names the report's clock execution, whose name Step Functions caps at 80 characters.
  id: Slug.max(30),
  title: LocalizedText,
  dueDays: z.number().int().positive().max(2000),
  remindDays: z.number().int().positive().max(90).default(7),
  fields: z.array(ConceptNoteField).min(1).max(10).default(defaultReportFields),
  documents: z.array(FullApplicationDocument).max(6).default([]),
});
export type AwardReport = z.infer<typeof AwardReport>;

/**
 * What follows an approval: the grant terms the applicant accepts (a text per language, versioned with the call),
 * or the record that the agreement is signed outside Amparo; how long the grant runs from its agreement; the
 * reports it will owe; and how the money may reach the grantee.
 */
export const Award = z.object({
  /** `in_amparo`: the applicant accepts by typing their name; `outside`: a coordinator records it was signed. */
  agreement: z.enum(["in_amparo", "outside"]).default("in_amparo"),
  terms: LocalizedText,
  /** Days from the agreement to the end of the grant's period (an emergency grant: at most four months). */
  periodDays: z.number().int().positive().max(1830),
  reports: z
    .array(AwardReport)
    .max(6)
    .refine((list) => new Set(list.map((report) => report.id)).size === list.length, {
      params: { key: "call.issue.unique" },
    })
    .default([]),
  paymentMethods: z
    .array(PaymentMethodKind)
    .min(1)
    .refine((list) => new Set(list).size === list.length, { params: { key: "call.issue.unique" } })
    .default(["bank_transfer", "intermediary", "other"]),
});
export type Award = z.infer<typeof Award>;
