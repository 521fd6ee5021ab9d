import type { KeyringNode, NodeCachingMaterialsManager } from "@aws-crypto/client-node";
import * as Config from "../config/index.js";
import * as Secret from "../secret/index.js";

// Envelope encryption of sensitive fields before they reach DynamoDB (AWS Encryption SDK; KMS in AWS, a key file
// locally). The SDK is loaded on the first `seal` or `open`, not with this module, to keep cold starts short.
// Why: docs/decisions/encryption-sdk-on-first-use.md
const client = async () => {
  const sdk = await import("@aws-crypto/client-node");
  const { encrypt, decrypt } = sdk.buildClient(sdk.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  // Key commitment without a signature: the signing suites cost several milliseconds per value and add
  // nothing here, where only this service writes and reads.
  const suiteId = sdk.AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
  return { sdk, encrypt, decrypt, suiteId };
};
type Client = Awaited<ReturnType<typeof client>>;
let loaded: Promise<Client> | undefined;
const encryptionSdk = () => (loaded ??= client());

let materials: NodeCachingMaterialsManager | undefined;

/** The local stand-in for KMS: a random 256-bit key created once under DATA_DIR, readable by this user only. */
const localKey = (name = "local-data-key") => Secret.localSecret(name);

function keyring({ sdk }: Client): KeyringNode {
  const config = Config.get();
  if (config.KMS_KEY_ID) return new sdk.KmsKeyringNode({ generatorKeyId: config.KMS_KEY_ID });
  if (!Config.isLocal()) throw new Error("KMS_KEY_ID is required outside local and test stages");
  return new sdk.RawAesKeyringNode({
    keyName: "local-data-key",
    keyNamespace: "amparo",
    unencryptedMasterKey: localKey(),
    wrappingSuite: sdk.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

function materialsManager(client: Client): NodeCachingMaterialsManager {
  if (!materials) {
    // Reusing a data key for a few minutes spares a KMS call per value without weakening the envelope.
    materials = new client.sdk.NodeCachingMaterialsManager({
      backingMaterials: keyring(client),
      cache: client.sdk.getLocalCryptographicMaterialsCache(1000),
      maxAge: 5 * 60 * 1000,
      maxMessagesEncrypted: 10_000,
    });
  }
  return materials;
}

/** What a ciphertext is bound to: decrypting it under another context fails. */
export type Context = Record<string, string>;

/** Encrypts a JSON value bound to `context`; the result is a base64 string safe to store. */
export async function seal(value: unknown, context: Context): Promise<string> {
  const plaintext = Buffer.from(JSON.stringify(value), "utf8");
  const sdk = await encryptionSdk();
  const { result } = await sdk.encrypt(materialsManager(sdk), plaintext, {
    encryptionContext: context,
    suiteId: sdk.suiteId,
  });
  return Buffer.from(result).toString("base64");
}

/** Decrypts what `seal` made, checking it was sealed for the same `context`. */
export async function open(sealed: string, context: Context): Promise<unknown> {
  const sdk = await encryptionSdk();
  const { plaintext, messageHeader } = await sdk.decrypt(materialsManager(sdk), Buffer.from(sealed, "base64"));
  for (const [name, value] of Object.entries(context)) {
    if (messageHeader.encryptionContext[name] !== value) throw new Error("ciphertext sealed for another context");
  }
  return JSON.parse(Buffer.from(plaintext).toString("utf8"));
}

/** A keyed hash for lookups that must not spell out what they look up (see `secret`). */
export const hmac = Secret.hmac;

/** Forgets the key material (tests change DATA_DIR). */
export function reset(): void {
  materials = undefined;
  Secret.reset();
}
