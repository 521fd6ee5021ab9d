import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as Config from "../config/index.js";

/**
 * Local key material and keyed hashes. Kept apart from `crypto` (the Encryption SDK), so that modules which
 * only hash (staff lookups, sessions) do not load the encryption library.
 */

/** A random 256-bit secret created once under DATA_DIR, readable by this user only: the local stand-in for KMS. */
export function localSecret(name: string): Uint8Array {
  const path = resolve(Config.get().DATA_DIR, name);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32), { flag: "wx", mode: 0o600 });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    chmodSync(path, 0o600);
  }
  const key = readFileSync(path);
  if (key.length !== 32) throw new Error(`${path} must hold exactly 32 bytes`);
  return new Uint8Array(key);
}

/**
 * In AWS the key is a Secrets Manager secret, fetched once when the module loads (a cold start) so that `hmac`
 * stays synchronous for its callers and the key never sits in the Lambda environment. Its value is base64, like
 * HMAC_KEY's (the generated value is 64 letters and digits: 48 random bytes). The SDK client is loaded only here,
 * so local runs and functions without the setting never load it.
 */
async function fromSecretsManager(): Promise<Uint8Array | undefined> {
  const arn = Config.peek("HMAC_KEY_SECRET_ARN");
  if (!arn || Config.peek("HMAC_KEY")) return undefined;
  const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
  const client = new SecretsManagerClient({ region: Config.peek("AWS_REGION") });
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  const key = Buffer.from(SecretString ?? "", "base64");
  if (key.length < 32) throw new Error("The HMAC key secret must hold at least 32 bytes, base64-encoded");
  return new Uint8Array(key);
}

let hmacKey: Uint8Array | undefined = await fromSecretsManager();

/**
 * A keyed hash for lookups that must not spell out what they look up (staff addresses, rate limits on an
 * address): without the key, a list of addresses cannot be matched against them.
 */
export function hmac(value: string): string {
  if (!hmacKey) {
    const configured = Config.get().HMAC_KEY;
    if (configured) hmacKey = new Uint8Array(Buffer.from(configured, "base64"));
    else if (Config.isLocal()) hmacKey = localSecret("local-hmac-key");
    else throw new Error("HMAC_KEY or HMAC_KEY_SECRET_ARN is required outside local and test stages");
  }
  return createHmac("sha256", hmacKey).update(value).digest("hex");
}

/** Forgets the key (tests change DATA_DIR). */
export function reset(): void {
  hmacKey = undefined;
}
