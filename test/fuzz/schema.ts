import fc from "fast-check";
import { anyLeaf, hostileNumber, hostileString, prototypeKeys, RawNumber } from "./hostile.js";

/**
 * From the JSON Schemas of the published OpenAPI document to fast-check arbitraries, in two flavours:
 * `validShaped` keeps the shape a schema asks for (required keys, types, enums mostly) and fills the leaves
 * with hostile values; `invalidShaped` breaks the shape (wrong types, missing keys, unknown and prototype
 * keys, deep nesting). Only what the document uses is understood: objects, arrays, the scalar types, enums,
 * `$ref`, `anyOf`/`oneOf`/`allOf` and type lists.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  example?: unknown;
  default?: unknown;
};

export type Components = Record<string, Schema>;

/** How deep the generator follows a schema before it stops descending (a recursive schema must end). */
const maxDepth = 6;

function resolve(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = components[name] ?? {};
  }
  return current;
}

const typesOf = (schema: Schema): string[] =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** A string that keeps to the schema's enum or format some of the time, and is hostile the rest. */
function stringLeaf(schema: Schema): fc.Arbitrary<string> {
  const fitting: fc.Arbitrary<string>[] = [];
  if (schema.format === "email") fitting.push(fc.emailAddress(), fc.constant("a@b.co"));
  if (schema.format === "date-time") fitting.push(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()));
  if (typeof schema.example === "string") fitting.push(fc.constant(schema.example));
  if (schema.minLength || schema.maxLength) {
    const limit = schema.maxLength ?? (schema.minLength ?? 0) + 10;
    // Just inside and just past the limits.
    fitting.push(fc.constantFrom("x".repeat(limit), "x".repeat(limit + 1), "x".repeat(Math.max(0, limit - 1))));
  }
  return fitting.length === 0 ? hostileString : fc.oneof(hostileString, ...fitting);
}

function numberLeaf(schema: Schema, integer: boolean): fc.Arbitrary<number | RawNumber> {
  const edges = [schema.minimum, schema.maximum, schema.exclusiveMinimum]
    .filter((edge): edge is number => edge !== undefined)
    .flatMap((edge) => [edge - 1, edge, edge + 1]);
  const fitting = integer ? fc.integer({ min: 1, max: 1_000_000 }) : fc.double({ min: 0, max: 1e6, noNaN: true });
  return fc.oneof(hostileNumber, fitting, ...(edges.length > 0 ? [fc.constantFrom(...edges)] : []));
}

/** A valid-shaped value of `schema` whose leaves are hostile. */
export function validShaped(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  if (depth > maxDepth) return anyLeaf;
  if (resolved.const !== undefined) return fc.constant(resolved.const);
  if (resolved.enum) {
    // Mostly a listed value (so the request gets past the enum), now and then a hostile one.
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...resolved.enum) },
      { weight: 1, arbitrary: hostileString },
    );
  }
  const choices = resolved.anyOf ?? resolved.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => validShaped(choice, components, depth + 1)));
  if (resolved.allOf) {
    const merged: Schema = { type: "object", properties: {}, required: [] };
    for (const part of resolved.allOf.map((item) => resolve(item, components))) {
      Object.assign(merged.properties!, part.properties);
      merged.required!.push(...(part.required ?? []));
    }
    return validShaped(merged, components, depth + 1);
  }
  const types = typesOf(resolved);
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => validShaped({ ...resolved, type }, components, depth)));
  }
  switch (types[0] ?? (resolved.properties ? "object" : undefined)) {
    case "string":
      return stringLeaf(resolved);
    case "integer":
      return numberLeaf(resolved, true);
    case "number":
      return numberLeaf(resolved, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = resolved.items ? validShaped(resolved.items, components, depth + 1) : anyLeaf;
      const minLength = Math.min(resolved.minItems ?? 0, 3);
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(resolved.maxItems ?? 4, 4)) });
    }
    case "object":
      return objectOf(resolved, components, depth);
    default:
      return anyLeaf;
  }
}

function objectOf(schema: Schema, components: Components, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, validShaped(property, components, depth + 1)]),
    ),
    { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) },
  );
  const extra = schema.additionalProperties;
  if (extra === undefined || extra === false) return record;
  // A free-form map (answers, concept note fields, scores): hostile keys, each a valid-shaped value.
  const valueOf = extra === true ? anyLeaf : validShaped(extra, components, depth + 1);
  const key = fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "prototype", "country", "need"));
  const entries = fc.array(fc.tuple(key, valueOf), { maxLength: 4 });
  return fc.tuple(record, entries).map(([known, more]) => {
    const object: Record<string, unknown> = { ...known };
    for (const [name, value] of more) {
      Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  });
}

/** A value that breaks `schema`'s shape: a wrong type, a missing required key, unknown or prototype keys, depth. */
export function invalidShaped(schema: Schema, components: Components): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  const wrongType = anyLeaf.filter((value) => !fitsType(value, typesOf(resolved)));
  const strategies: fc.Arbitrary<unknown>[] = [wrongType, deepValue];
  if (resolved.properties) {
    const valid = validShaped(resolved, components) as fc.Arbitrary<Record<string, unknown>>;
    const names = Object.keys(resolved.properties);
    strategies.push(
      // One property, present or not, of the wrong type.
      fc
        .tuple(valid, fc.constantFrom(...names), anyLeaf)
        .map(([object, name, value]) => ({ ...object, [name]: value })),
      // A required property left out.
      ...(resolved.required?.length
        ? [
            fc.tuple(valid, fc.constantFrom(...resolved.required)).map(([object, name]) => {
              const copy = { ...object };
              delete copy[name];
              return copy;
            }),
          ]
        : []),
      // Unknown keys and prototype names beside valid ones.
      fc.tuple(valid, prototypeKeys).map(([object, planted]) => {
        const copy: Record<string, unknown> = { ...object };
        for (const name of Object.keys(planted)) {
          Object.defineProperty(copy, name, {
            value: planted[name],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return copy;
      }),
      fc.tuple(valid, hostileString, anyLeaf).map(([object, name, value]) => ({ ...object, [name]: value })),
    );
  }
  return fc.oneof(...strategies);
}

function fitsType(value: unknown, types: string[]): boolean {
  if (types.length === 0) return false;
  return types.some((type) => {
    if (type === "object") return value !== null && typeof value === "object" && !Array.isArray(value);
    if (type === "array") return Array.isArray(value);
    if (type === "integer") return Number.isInteger(value);
    if (type === "number") return typeof value === "number" || value instanceof RawNumber;
    if (type === "null") return value === null;
    return typeof value === type;
  });
}

/** Nesting deep enough to find recursion without limits, small enough to stay under the body limit. */
const deepValue: fc.Arbitrary<unknown> = fc
  .integer({ min: 50, max: 3_000 })
  // Written out as text: a generated value this deep would overflow the serialiser's own stack.
  .map((depth) => new RawNumber(`${'{"answers":['.repeat(depth)}"leaf"${"]}".repeat(depth)}`));
