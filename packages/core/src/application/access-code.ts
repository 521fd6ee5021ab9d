// Access codes and ids: the applicant's only key to their application, so random, hand-typeable and kept
// only as a hash.
import { createHash, randomBytes } from "node:crypto";

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 160 random bits as 32 characters in groups of four: `7K2Q-...`. */
export function newToken(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

/** Reads a code the way people type it: any case, with or without dashes and spaces, O for 0, I or L for 1. */
export function normalizeToken(token: string): string {
  return token.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(normalizeToken(token)).digest("hex");
}

/** A random id no one can guess: 26 base32 characters, 130 bits, lower case. */
export function newId(): string {
  return Array.from(randomBytes(26))
    .map((byte) => alphabet[byte & 31])
    .join("")
    .toLowerCase();
}
