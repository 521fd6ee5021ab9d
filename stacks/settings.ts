/**
 * What differs between stages, in one place. A stage not listed gets the defaults: data that can be removed with
 * the stage, and the API's own address as the site's address.
 */
export interface StageSettings {
  /**
   * Keep the keys, the table and the bucket (and protect the table from deletion) when the stage is removed.
   * @default true on `production`, false elsewhere
   */
  retain: boolean;
  /**
   * The site's address (a custom domain in front of the API), used in emails and as the only origin that may
   * upload to the bucket.
   * @default the API's own `execute-api` address
   */
  publicUrl?: string;
  /**
   * Days an overwritten or deleted upload's old version is kept.
   * @default 30
   */
  noncurrentRetentionDays: number;
  /**
   * The address emails come from: neutral (`no-reply@`), never a person's. Set a fund's own before deploying.
   * @default `no-reply@example.org`
   */
  mailFrom: string;
  /**
   * A domain to verify in SES (DKIM) instead of the single `mailFrom` address.
   * @default only `mailFrom` is verified
   */
  mailDomain?: string;
}

/** Per-stage overrides; add a fund's domain here before its first production deploy. */
const overrides: Record<string, Partial<StageSettings>> = {};

export function settingsFor(stage: string): StageSettings {
  return {
    retain: stage === "production",
    noncurrentRetentionDays: 30,
    mailFrom: "no-reply@example.org",
    ...overrides[stage],
  };
}
