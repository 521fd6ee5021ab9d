import { fileURLToPath } from "node:url";
import { document } from "../openapi.js";

/** The committed description: what the docs app serves. */
export const descriptionFile = fileURLToPath(new URL("./openapi.json", import.meta.url));

/** The description as the code generates it now, as the file's text. */
export function generatedDescription(): string {
  return `${JSON.stringify(document(), null, 2)}\n`;
}
