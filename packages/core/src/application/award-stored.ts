// What the application item keeps of its award in the clear: dates and counts, never a name, an amount or anything
// about how the money reaches the grantee (`award/` keeps that sealed, in items of its own). A leaf module, so
// the record can build its schemas from it.
import { z } from "zod";

/** The agreement: when it was accepted (or recorded as signed outside Amparo) and when the grant's period ends. */
export const StoredAgreement = z.object({
  agreedAt: z.string(),
  /** The end of the grant's period: the agreement plus the call's `award.periodDays`. */
  endsAt: z.string(),
  /** Recorded by a coordinator: the agreement was signed on paper or elsewhere. */
  signedOutside: z.boolean().optional(),
  /** The call version whose terms were accepted. */
  termsVersion: z.number().int().positive().optional(),
});

/** The agreement as the domain sees it: with the name the applicant typed to accept it (sealed). */
export type Agreement = z.infer<typeof StoredAgreement> & { name?: string };

/** Where the grant's payments and its payment method stand. */
export const PaymentState = z.object({
  /** How many payments its ledger holds: the next is number `count + 1`. */
  count: z.number().int().nonnegative(),
  /** The month (`YYYY-MM`) of the last payment recorded: a grant counts once in a month's paid sum. */
  lastMonth: z.string().optional(),
  /** When a payment was recorded as the final one: no payment follows it, and the method is deleted soon after. */
  finalAt: z.string().optional(),
  /** When the applicant last gave how the money may reach them. */
  methodGivenAt: z.string().optional(),
  /** When the sweep deletes the method (30 days after the final payment was recorded). */
  methodDeleteAt: z.string().optional(),
  /** When it was deleted: after the final payment, or at cancellation. It is never given again. */
  methodDeletedAt: z.string().optional(),
});
export type PaymentState = z.infer<typeof PaymentState>;

/**
 * Where one of the grant's reports stands, in the clear (dates only; what it says is a part, sealed): its due
 * date and reminder time, set at the agreement; when it was reminded, found late and counted for the funders'
 * report (once, at its due date); when it was first and last sent, when more was asked and when a coordinator
 * accepted it; and the generation of its clock's execution.
 */
export const ReportState = z.object({
  dueAt: z.string(),
  remindAt: z.string(),
  remindedAt: z.string().optional(),
  lateAt: z.string().optional(),
  countedAt: z.string().optional(),
  firstSentAt: z.string().optional(),
  sentAt: z.string().optional(),
  moreAskedAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  extendedAt: z.string().optional(),
  clockGeneration: z.number().int().positive().optional(),
});
export type ReportState = z.infer<typeof ReportState>;
