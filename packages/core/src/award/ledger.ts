// The payment ledger: each payment a coordinator records (amount, date, a reference), the fund's accounting record.
// Kept in the call's partition under a keyed hash of the grant, so the table links no payment to an application
// or a person, and the ledger outlives the application's content: it is kept for the call's approved-retention
// period from the grant's end, even once how the money reached the grantee is gone.
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { parseStored } from "../util/stored.js";

/** The grant's name in the ledger: a keyed hash of its application's id, which cannot be read back. */
export const grantHashOf = (applicationId: string) => Crypto.hmac(`grant:${applicationId}`).slice(0, 32);

/** A ledger entry as stored: the amount and dates in the clear, the reference sealed (people paste account fragments). */
const StoredEntry = z.object({
  number: z.number().int().positive(),
  amount: z.number().int().positive(),
  currency: z.string(),
  /** The day the money was sent, `YYYY-MM-DD`. */
  paidOn: z.string(),
  recordedAt: z.string(),
  final: z.boolean(),
  referenceSealed: z.string(),
  /** Set when the grant ends: the entry is deleted after it (the retention sweep). */
  keepUntil: z.string().optional(),
});

/** A payment as coordinators and the applicant see it; the reference only for coordinators. */
export interface Payment {
  number: number;
  amount: number;
  currency: string;
  paidOn: string;
  recordedAt: string;
  final: boolean;
  reference?: string;
}

const sealContext = (callId: string, grantHash: string, number: number) => ({
  purpose: "payment_reference",
  callId,
  grant: grantHash,
  number: String(number),
});

/** The Put of one payment, for the move's transaction: new, or the transaction fails. */
export async function entry(
  callId: string,
  applicationId: string,
  payment: { number: number; amount: number; currency: string; paidOn: string; reference: string; final: boolean },
  recordedAt: string,
) {
  const grantHash = grantHashOf(applicationId);
  const { reference, ...rest } = payment;
  return Dynamo.tx.putIfNew({
    ...Dynamo.Key.ledgerEntry(callId, grantHash, payment.number),
    ...rest,
    recordedAt,
    referenceSealed: await Crypto.seal(reference, sealContext(callId, grantHash, payment.number)),
  });
}

async function stored(callId: string, grantHash: string) {
  const items = await Dynamo.queryCollection(Dynamo.Collection.ledger(callId, grantHash));
  return items.map((item) => ({ item, entry: parseStored(StoredEntry, item, "ledger entry") }));
}

/**
 * One grant's payments, oldest first: with their references (opened) for coordinators, without for the applicant.
 */
export async function payments(
  callId: string,
  applicationId: string,
  { references = false }: { references?: boolean } = {},
): Promise<Payment[]> {
  const grantHash = grantHashOf(applicationId);
  return Promise.all(
    (await stored(callId, grantHash)).map(async ({ entry: { referenceSealed, keepUntil: _keep, ...rest } }) => ({
      ...rest,
      ...(references
        ? {
            reference: parseStored(
              z.string(),
              await Crypto.open(referenceSealed, sealContext(callId, grantHash, rest.number)),
              "payment reference",
            ),
          }
        : {}),
    })),
  );
}

/** A payment of a call's ledger: the grant it went to named only by its keyed hash, and no reference. */
export type CallPayment = Omit<Payment, "reference"> & { grantHash: string };

/** Every payment of a call's ledger, without references, soonest paid first. */
export async function ofCall(callId: string): Promise<CallPayment[]> {
  const entries = (await Dynamo.queryCollection(Dynamo.Collection.ledger(callId))).map((item) => {
    const { referenceSealed: _sealed, keepUntil: _keep, ...rest } = parseStored(StoredEntry, item, "ledger entry");
    return { ...rest, grantHash: String(item[Dynamo.keys.sort]).split("#")[1] ?? "" };
  });
  return entries.sort((a, b) => `${a.paidOn}${a.recordedAt}`.localeCompare(`${b.paidOn}${b.recordedAt}`));
}

/** What a grant has been paid so far. */
export const paidSum = (list: readonly Pick<Payment, "amount">[]) => list.reduce((sum, p) => sum + p.amount, 0);

/** The Updates that keep each of a grant's entries until `keepUntil`, for the transaction that ends the grant. */
export async function keepUntil(callId: string, applicationId: string, until: string) {
  return (await stored(callId, grantHashOf(applicationId))).map(({ item }) =>
    Dynamo.tx.update(
      { pk: String(item[Dynamo.keys.partition]), sk: String(item[Dynamo.keys.sort]) },
      { set: { keepUntil: until } },
      Dynamo.when.exists(Dynamo.keys.partition),
    ),
  );
}

/** Deletes a call's ledger entries kept past their time. @returns how many. */
export async function sweep(callId: string, now = Clock.now()): Promise<number> {
  let deleted = 0;
  for (const item of await Dynamo.queryCollection(Dynamo.Collection.ledger(callId))) {
    const until = item["keepUntil"];
    if (typeof until !== "string" || Date.parse(until) > now.getTime()) continue;
    await Dynamo.remove({ pk: String(item[Dynamo.keys.partition]), sk: String(item[Dynamo.keys.sort]) });
    deleted++;
  }
  return deleted;
}
