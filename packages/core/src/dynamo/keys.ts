/**
 * The single table's key layout, in one place: every item kind's partition and sort key, and the second
 * index's keys. No module outside core spells a key; core's domains build them only through these.
 */

/** The attribute names of the table's keys. The infrastructure and the local runtime build the table from these. */
export const attributes = {
  partition: "pk",
  sort: "sk",
  gsi1: { name: "gsi1", partition: "gsi1pk", sort: "gsi1sk" },
  /** Epoch seconds; DynamoDB's TTL deletes the item after it (DynamoDB Local never does: filter on read). */
  ttl: "expiresAt",
} as const;

export type Key = { pk: string; sk: string };
export type IndexKey = { gsi1pk: string; gsi1sk: string };

const key = (pk: string, sk: string): Key => ({ pk, sk });

/** How every rate-limit window's partition key starts (their names are keyed hashes, never an address). */
export const rateWindowPrefix = "RATE#";
const indexKey = (gsi1pk: string, gsi1sk: string): IndexKey => ({ gsi1pk, gsi1sk });

/** How many items each call's counters of one month are spread over, so a surge does not queue on one item. */
export const counterShards = 4;

/** Primary keys, one builder per item kind. */
export const Key = {
  application: (id: string) => key(`APP#${id}`, "APP"),
  /** The access code's hash, pointing at its application (pages ask for the code alone). */
  accessCode: (hash: string) => key(`TOKEN#${hash}`, "TOKEN"),
  /** The answer of a submission made with an `Idempotency-Key`, under the key's hash. */
  submission: (applicationId: string, keyHash: string) => key(`APP#${applicationId}`, `IDEMPOTENCY#${keyHash}`),
  assignment: (applicationId: string, reviewerId: string) => key(`APP#${applicationId}`, `ASSIGN#${reviewerId}`),
  review: (applicationId: string, reviewerId: string) => key(`APP#${applicationId}`, `REVIEW#${reviewerId}`),
  /** A reviewer's score of the full application (a grant call's second round), beside their concept-note review. */
  fullReview: (applicationId: string, reviewerId: string) => key(`APP#${applicationId}`, `REVIEW#full#${reviewerId}`),
  event: (subject: Subject, at: string, unique: string) => key(subjectPartition(subject), `EVENT#${at}#${unique}`),
  call: (id: string) => key(`CALL#${id}`, "CALL"),
  /**
   * How the money may reach a grantee, sealed, in the application's partition: deleted on its own schedule, well
   * before the application (`award/payment-method.ts`).
   */
  paymentMethod: (applicationId: string) => key(`APP#${applicationId}`, "PAYMENT_METHOD"),
  /**
   * One payment in a call's ledger, under a keyed hash of its grant (`award/ledger.ts`): the table links no
   * payment to an application, and the ledger outlives the application's content.
   */
  ledgerEntry: (callId: string, grantHash: string, number: number) =>
    key(`CALL#${callId}`, `LEDGER#${grantHash}#${String(number).padStart(4, "0")}`),
  /** One saved version of a call's configuration, kept for the applications made under it (never changed). */
  callVersion: (id: string, version: number) => key(`CALL#${id}`, `VERSION#${String(version).padStart(6, "0")}`),
  /**
   * One shard of a call's report counters for the applications submitted in one calendar month (`YYYY-MM`):
   * stages, decisions, amounts, breakdowns. `shard` in 0..counterShards-1.
   */
  reportCounters: (callId: string, month: string, shard: number) => key(`CALL#${callId}`, `REPORT#${month}#${shard}`),
  /**
   * The frozen report figures of one closed period of a call (`YYYY-MM` or `YYYY-Qn`), written once and never
   * changed: what readers are served.
   */
  reportSnapshot: (callId: string, period: string) => key(`CALL#${callId}`, `SNAPSHOT#${period}`),
  /** One shard of a call's quiz counters for the attempts made in one calendar month (`YYYY-MM`). */
  quizCounters: (callId: string, month: string, shard: number) =>
    key(`CALL#${callId}`, `REPORT#${month}#quiz#${shard}`),
  user: (id: string) => key(`USER#${id}`, "USER"),
  /** A staff address's claim, under its hash so the key does not spell the address out. */
  userEmail: (hash: string) => key(`USER_EMAIL#${hash}`, "USER_EMAIL"),
  session: (hash: string) => key(`SESSION#${hash}`, "SESSION"),
  /** How many staff accounts are active admins: every change to it is conditional, so the fund always keeps one. */
  adminCount: () => key("ADMINS", "COUNT"),
  /** One of a staff member's one-time recovery codes, under its keyed hash: deleting it is using it. */
  recoveryCode: (userId: string, hash: string) => key(`USER#${userId}`, `RECOVERY#${hash}`),
  signInLink: (hash: string) => key(`LINK#${hash}`, "LINK"),
  rateWindow: (name: string, window: number) => key(`${rateWindowPrefix}${name}#${window}`, "RATE"),
  /**
   * An email waiting in (or done with) the outbox, under a keyed hash of its idempotency key: written once per
   * key, and the key's parts (application and account ids) cannot be read back or guessed from the table.
   */
  outbox: (keyHash: string) => key(`${outboxPrefix}${keyHash}`, "OUTBOX"),
  /**
   * An address SES reported as bouncing for good or complaining, under a keyed hash of the address: the outbox
   * stops sending to it, and the table does not say which address it is.
   */
  failingAddress: (hash: string) => key(`MAIL_FAILING#${hash}`, "MAIL_FAILING"),
  /**
   * An applicant contact address's confirmation: when one was last sent, and whether it was confirmed, under a
   * keyed hash of the address, with no link to any application.
   */
  contactAddress: (hash: string) => key(`${contactPrefix}${hash}`, "CONTACT"),
  /** A confirmation link's token, under its hash, pointing at the address's hash. */
  contactLink: (hash: string) => key(`${contactLinkPrefix}${hash}`, "CONTACT_LINK"),
};

/** How contact-confirmation items' partition keys start (the local sweep deletes the expired ones). */
export const contactPrefix = "CONTACT#";
export const contactLinkPrefix = "CONTACT_LINK#";

/** How every outbox item's partition key starts (the stream handler picks outbox items out by it). */
export const outboxPrefix = "OUTBOX#";

/** Second-index keys: the other way each domain finds its items. */
export const Index = {
  /** A call's applications, oldest first. */
  callApplication: (callId: string, createdAt: string, id: string) =>
    indexKey(`CALL#${callId}#APPS`, `${createdAt}#${id}`),
  /** A reviewer's assignments, soonest decision deadline first. */
  reviewerAssignment: (reviewerId: string, decisionDueAt: string | undefined, applicationId: string) =>
    indexKey(`REVIEWER#${reviewerId}`, `${decisionDueAt ?? "9999"}#${applicationId}`),
  user: (id: string) => indexKey("USERS", id),
  /** A staff member's sessions, oldest first: listing them needs no token (only its hash is stored). */
  userSession: (userId: string, createdAt: string, sessionId: string) =>
    indexKey(`USER#${userId}#SESSIONS`, `${createdAt}#${sessionId}`),
  call: (id: string) => indexKey("CALLS", id),
  /**
   * A staff member's opening of an application or its file (an audit event on the application), newest last:
   * admins list who opened what without reading every application's events.
   */
  staffAccess: (userId: string, at: string, applicationId: string, unique: string) =>
    indexKey(`USER#${userId}#ACCESS`, `${at}#${applicationId}#${unique}`),
  /** Outbox items not done yet, soonest next attempt first (the sweep reads these). */
  outboxDue: (nextAttemptAt: string, keyHash: string) => indexKey("OUTBOX", `${nextAttemptAt}#${keyHash}`),
};

/** Partitions of the second index, for queries. */
export const IndexPartition = {
  callApplications: (callId: string) => `CALL#${callId}#APPS`,
  reviewerAssignments: (reviewerId: string) => `REVIEWER#${reviewerId}`,
  users: "USERS",
  userSessions: (userId: string) => `USER#${userId}#SESSIONS`,
  staffAccess: (userId: string) => `USER#${userId}#ACCESS`,
  calls: "CALLS",
  outboxDue: "OUTBOX",
};

/**
 * Key prefixes to filter on (the index carries every attribute, the table's keys among them): what a query's
 * filter reads, never a key condition.
 */
export const KeyPrefix = {
  /** The items of every application whose id starts with `idPrefix` (the short id staff pages show). */
  application: (idPrefix: string) => ({ attribute: attributes.partition, prefix: `APP#${idPrefix}` }),
};

/** What an audit event is about. */
export type Subject = { application: string } | { user: string };

function subjectPartition(subject: Subject): string {
  return "application" in subject ? `APP#${subject.application}` : `USER#${subject.user}`;
}

/** Item collections under one partition, for queries: the partition and the sort-key prefix. */
export const Collection = {
  events: (subject: Subject) => ({ pk: subjectPartition(subject), skPrefix: "EVENT#" }),
  assignments: (applicationId: string) => ({ pk: `APP#${applicationId}`, skPrefix: "ASSIGN#" }),
  reviews: (applicationId: string) => ({ pk: `APP#${applicationId}`, skPrefix: "REVIEW#" }),
  /** A staff member's unused recovery codes (at most `Recovery.codeCount` items). */
  recoveryCodes: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: "RECOVERY#" }),
  /** Everything stored about one application: the item, its events, assignments, reviews, idempotency records. */
  application: (applicationId: string) => ({ pk: `APP#${applicationId}`, skPrefix: "" }),
  /** A call's report and quiz counters of one calendar year: at most 12 months x 2 kinds x counterShards items. */
  reportCounters: (callId: string, year: number) => ({ pk: `CALL#${callId}`, skPrefix: `REPORT#${year}-` }),
  /** A call's report snapshots of one calendar year: at most 12 months and 4 quarters. */
  reportSnapshots: (callId: string, year: number) => ({ pk: `CALL#${callId}`, skPrefix: `SNAPSHOT#${year}-` }),
  /** One grant's payments in its call's ledger, oldest first; `grantHash` empty for the whole call's ledger. */
  ledger: (callId: string, grantHash = "") => ({
    pk: `CALL#${callId}`,
    skPrefix: grantHash ? `LEDGER#${grantHash}#` : "LEDGER#",
  }),
  /** Every saved version of a call's configuration, oldest first. */
  callVersions: (callId: string) => ({ pk: `CALL#${callId}`, skPrefix: "VERSION#" }),
};
