import { z } from "zod";

/**
 * The one configuration module: every setting the platform reads from its environment, validated once.
 * No other file reads `process.env`.
 */
export const Info = z.object({
  /** `local` on a developer machine and in tests; the SST stage name in AWS. */
  STAGE: z.string().min(1).default("local"),
  AWS_REGION: z.string().min(1).default("eu-west-1"),
  TABLE_NAME: z.string().min(1).default("amparo"),
  BUCKET_NAME: z.string().min(1).default("amparo-uploads"),
  /** Stand-in endpoints; unset in AWS, where the SDK finds the real services. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  /** The address emails point to and the origin pages compare against. */
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  /** Where a quick exit sends the applicant: an ordinary, harmless site. */
  QUICK_EXIT_URL: z.url().default("https://www.wikipedia.org/"),
  MAIL_FROM: z.email().default("no-reply@amparo.local"),
  /** The KMS key that wraps data keys in AWS; locally a key file under DATA_DIR stands in for it. */
  KMS_KEY_ID: z.string().min(1).optional(),
  /** Base64 secret for keyed hashes (rate-limit keys); locally a key file under DATA_DIR. */
  HMAC_KEY: z.string().min(32).optional(),
  /** In AWS, the Secrets Manager secret that holds HMAC_KEY, so the key is never a plain Lambda environment value. */
  HMAC_KEY_SECRET_ARN: z.string().startsWith("arn:").optional(),
  /** The decision clock's state machine in AWS; locally the runtime runs it in process instead. */
  STATE_MACHINE_ARN: z.string().startsWith("arn:").optional(),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  /**
   * Applications one call may take in any hour (a sliding window), from every source together: a wall against
   * a flood, sized far above a real surge (1,000 genuine applications in an hour pass). Tripping it raises an alarm.
   */
  LIMIT_CALL_PER_HOUR: z.coerce.number().int().positive().default(5000),
  /**
   * Applications one source (an IPv4 address, or an IPv6 /64) may start in any hour: room for a workshop's
   * Wi-Fi, a VPN egress during a shutdown or a Tor exit, not for a script.
   */
  LIMIT_SOURCE_PER_HOUR: z.coerce.number().int().positive().default(60),
  /** Emails one applicant address may receive in any day, across every application that names it. */
  LIMIT_APPLICANT_MAIL_PER_DAY: z.coerce.number().int().positive().default(5),
  /**
   * How many proxies the fund runs in front of API Gateway (a CDN): the source is then the address the
   * outermost of them saw, read from that many entries from the right of X-Forwarded-For. 0 (the default):
   * X-Forwarded-For is never read, as anyone can write it.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Local runtime only. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default(".data"),
  DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  S3_PORT: z.coerce.number().int().min(1).max(65535).default(4569),
  SES_PORT: z.coerce.number().int().min(1).max(65535).default(8005),
  TIME_SCALE: z.coerce.number().positive().default(1),
});
export type Info = z.infer<typeof Info>;

let current: Info | undefined;

/** The validated configuration, read from the environment on first use. */
export function get(): Info {
  if (!current) current = Info.parse(process.env);
  return current;
}

/** Overrides settings for this process (the local runtime and tests choose ports and names at run time). */
export function set(values: Partial<Info>): Info {
  current = Info.parse({ ...process.env, ...get(), ...values });
  return current;
}

/**
 * One setting as it stands now, without fixing the whole configuration: for a decision a module takes when it
 * loads, before a test or the local runtime has chosen its settings with `set`.
 */
export function peek<K extends keyof Info>(name: K): Info[K] {
  return current ? current[name] : (Info.shape[name].parse(process.env[name]) as Info[K]);
}

/** True where the stand-ins are used instead of AWS. */
export function isLocal(): boolean {
  return get().STAGE === "local" || get().STAGE === "test";
}
