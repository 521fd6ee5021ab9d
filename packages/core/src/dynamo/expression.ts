/**
 * DynamoDB expressions built from data, so no domain writes an expression string or a placeholder by hand.
 * Every attribute name and value goes through a placeholder, so reserved words and odd names are safe.
 */

/** Collects the placeholders one expression (or one condition and update together) uses. */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameCount = 0;
  private valueCount = 0;

  /** The placeholder of an attribute name; the same name reuses its placeholder. */
  name(attribute: string): string {
    for (const [placeholder, name] of Object.entries(this.names)) if (name === attribute) return placeholder;
    const placeholder = `#n${this.nameCount++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The names and values for a command, leaving out empty maps (DynamoDB refuses them). */
  attributes(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** A condition, rendered against the placeholders of the command it belongs to. */
export type Condition = (placeholders: Placeholders) => string;

/** Conditions on an item's attributes, for conditional writes. */
export const when = {
  exists:
    (attribute: string): Condition =>
    (p) =>
      `attribute_exists(${p.name(attribute)})`,
  missing:
    (attribute: string): Condition =>
    (p) =>
      `attribute_not_exists(${p.name(attribute)})`,
  equals:
    (attribute: string, value: unknown): Condition =>
    (p) =>
      `${p.name(attribute)} = ${p.value(value)}`,
  lessThan:
    (attribute: string, value: unknown): Condition =>
    (p) =>
      `${p.name(attribute)} < ${p.value(value)}`,
  greaterThan:
    (attribute: string, value: unknown): Condition =>
    (p) =>
      `${p.name(attribute)} > ${p.value(value)}`,
  beginsWith:
    (attribute: string, prefix: string): Condition =>
    (p) =>
      `begins_with(${p.name(attribute)}, ${p.value(prefix)})`,
  oneOf:
    (attribute: string, values: readonly unknown[]): Condition =>
    (p) =>
      `${p.name(attribute)} IN (${values.map((value) => p.value(value)).join(", ")})`,
  all:
    (...conditions: Condition[]): Condition =>
    (p) =>
      conditions.map((condition) => `(${condition(p)})`).join(" AND "),
  any:
    (...conditions: Condition[]): Condition =>
    (p) =>
      conditions.map((condition) => `(${condition(p)})`).join(" OR "),
};

/** What an update changes: attributes to set, numbers to add to (counters), attributes to remove. */
export interface Changes {
  /** Attributes to set; an `undefined` value is left out rather than written. */
  set?: Record<string, unknown>;
  /** Numbers added to (created at the delta when missing): counters. */
  add?: Record<string, number>;
  remove?: readonly string[];
}

/** The UpdateExpression for `changes`, or undefined when there is nothing to change. */
export function updateExpression(changes: Changes, p: Placeholders): string | undefined {
  const sets = Object.entries(changes.set ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${p.name(name)} = ${p.value(value)}`);
  const adds = Object.entries(changes.add ?? {}).map(([name, delta]) => `${p.name(name)} ${p.value(delta)}`);
  const removes = (changes.remove ?? []).map((name) => p.name(name));
  const clauses = [
    sets.length > 0 ? `SET ${sets.join(", ")}` : "",
    adds.length > 0 ? `ADD ${adds.join(", ")}` : "",
    removes.length > 0 ? `REMOVE ${removes.join(", ")}` : "",
  ].filter(Boolean);
  return clauses.length > 0 ? clauses.join(" ") : undefined;
}

/** A key condition: the partition, and optionally a sort-key prefix. */
export function keyCondition(
  partition: { attribute: string; value: string },
  sortPrefix: { attribute: string; prefix: string } | undefined,
  p: Placeholders,
): string {
  const base = `${p.name(partition.attribute)} = ${p.value(partition.value)}`;
  if (!sortPrefix || sortPrefix.prefix === "") return base;
  return `${base} AND begins_with(${p.name(sortPrefix.attribute)}, ${p.value(sortPrefix.prefix)})`;
}
