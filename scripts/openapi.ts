/**
 * Writes the API's description, generated from the code, to the file the docs app serves
 * (`packages/functions/src/docs/openapi.json`). Run it after changing an API route or schema: `npm run openapi`.
 * `test/api/openapi.test.ts` fails while the file and the code disagree.
 */
import { writeFileSync } from "node:fs";
import { descriptionFile, generatedDescription } from "../packages/functions/src/docs/description.js";

writeFileSync(descriptionFile, generatedDescription());
console.log(`wrote ${descriptionFile}`);
