import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { document } from "@amparo/functions/openapi";

/**
 * Holds every API answer the test suite sees to the published contract: the route must be described in
 * `/api/v1/openapi.json`, with the status it answered, and its JSON body must match that status's schema. The
 * request helpers call this on every response, so each test that calls the API also checks the description.
 */
type Document = ReturnType<typeof document>;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

let described: { doc: Document; routes: { template: string; pattern: RegExp }[] } | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

function contract() {
  if (!described) {
    const doc = document();
    const routes = Object.keys(doc.paths ?? {}).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
    described = { doc, routes };
  }
  return described;
}

/** The described operation answering `method path`, if any (a literal path wins over a template). */
export function describedOperation(
  method: string,
  path: string,
): { template: string; operation: Operation } | undefined {
  const { doc, routes } = contract();
  const matches = routes.filter((route) => route.pattern.test(path));
  matches.sort((a, b) => a.template.split("{").length - b.template.split("{").length);
  for (const { template } of matches) {
    const operation = (doc.paths?.[template] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
    if (operation) return { template, operation };
  }
  return undefined;
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    // The schema's `$ref`s point at `#/components/schemas/...`: give it the document's components as its root.
    validate = ajv.compile({ ...(schema as object), components: contract().doc.components });
    validators.set(key, validate);
  }
  return validate;
}

/** Throws (failing the test that made the request) when an API answer is not what the description promises. */
export async function checkAgainstContract(method: string, url: string, response: Response): Promise<Response> {
  const path = new URL(url, "http://localhost").pathname;
  if (!path.startsWith("/api/") || path === "/api/v1/openapi.json") return response;
  const found = describedOperation(method, path);
  if (!found) {
    // A route no app answers gets the ordinary not-found problem; anything else must be described.
    if (response.status === 404) return checkProblem(method, path, response);
    throw new Error(`${method} ${path} is answered but not described in the OpenAPI document`);
  }
  const answer = found.operation.responses?.[String(response.status)];
  if (!answer) {
    throw new Error(`${method} ${found.template} answered ${response.status}, which its description does not list`);
  }
  const mediaType = response.headers.get("Content-Type")?.split(";")[0]?.trim();
  const text = await response.clone().text();
  if (text === "") return response;
  if (!mediaType || !answer.content?.[mediaType]) {
    throw new Error(`${method} ${found.template} ${response.status} answered ${mediaType}, which is not described`);
  }
  const schema = answer.content[mediaType]!.schema;
  if (!schema) throw new Error(`${method} ${found.template} ${response.status} has no schema for ${mediaType}`);
  if (mediaType.endsWith("json")) {
    const validate = validatorFor(`${method} ${found.template} ${response.status} ${mediaType}`, schema);
    if (!validate(JSON.parse(text))) {
      throw new Error(
        `${method} ${found.template} ${response.status} does not match its schema: ${ajv.errorsText(validate.errors)}`,
      );
    }
  }
  return response;
}

async function checkProblem(method: string, path: string, response: Response): Promise<Response> {
  const validate = validatorFor("problem", { $ref: "#/components/schemas/Problem" });
  if (response.headers.get("Content-Type")?.startsWith("application/problem+json") !== true) {
    throw new Error(`${method} ${path} answered 404 without a problem`);
  }
  if (!validate(await response.clone().json())) {
    throw new Error(`${method} ${path} 404 is not a problem: ${ajv.errorsText(validate.errors)}`);
  }
  return response;
}
