/**
 * Finds the page forms the fuzzer attacks the way a person finds them: by requesting pages and reading their
 * `<form>` elements (action, method, the names of their fields), following links to more pages of the site.
 * The pages are server-rendered by Hono JSX, whose output is regular enough for a few regular expressions.
 */
export interface PageForm {
  /** Where the form was found. */
  page: string;
  method: "GET" | "POST";
  /** The action's path, ids replaced by `{id}`/`{callId}` placeholders so the fuzzer can vary them. */
  template: string;
  /** The action's query, if any (kept as found). */
  query: string;
  /** Field names with the values the page offers (hidden values, options, radio values). */
  fields: Map<string, string[]>;
}

export type Fetch = (path: string) => Promise<Response>;

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => entities[name]!);

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*"([^"]*)")?/g)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? "");
  }
  return found;
}

/** A form as written on its page: the action as it stands. */
export type FoundForm = Omit<PageForm, "template" | "query"> & { action: string };

/** Every form of a page, with its fields. */
export function formsOf(page: string, html: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(match[1]!);
    const fields = new Map<string, string[]>();
    const body = match[2]!;
    for (const field of body.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const fieldAttrs = attributes(field[2]!);
      const name = fieldAttrs["name"];
      if (!name) continue;
      const values = fields.get(name) ?? [];
      if (fieldAttrs["value"] !== undefined) values.push(fieldAttrs["value"]);
      fields.set(name, values);
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attributes(select[1]!)["name"];
      if (!name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/g)].map((option) => attributes(option[1]!)["value"]);
      fields.get(name)!.push(...options.filter((value): value is string => value !== undefined));
    }
    const method = (attrs["method"] ?? "get").toUpperCase() === "POST" ? "POST" : "GET";
    forms.push({ page, method, action: attrs["action"] ?? page, fields });
  }
  return forms;
}

/** Links to pages of the same site under the given prefixes. */
export function linksOf(html: string, prefixes: string[]): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)]
    .map((match) => decode(match[1]!))
    .filter((href) => href.startsWith("/") && prefixes.some((prefix) => href.startsWith(prefix)));
}

/**
 * Visits `start` and the pages linked from them (breadth first, at most `limit` pages) with each fetcher
 * (each kind of visitor sees other pages), and returns every distinct form whose action stays on this site.
 * `placeholders` maps ids seen in actions to the names the fuzzer substitutes. Also returns the pages visited,
 * as templates.
 */
export async function discoverForms(
  visitors: Fetch[],
  start: string[],
  placeholders: Record<string, string>,
  limit = 60,
): Promise<{ forms: PageForm[]; pages: string[] }> {
  const found = new Map<string, PageForm>();
  const pages = new Set<string>();
  const templateOf = (path: string) => {
    let template = new URL(path, "http://localhost").pathname;
    for (const [value, name] of Object.entries(placeholders)) template = template.split(value).join(`{${name}}`);
    return template;
  };
  for (const visit of visitors) {
    const queue = [...start];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < limit) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await visit(path);
      if (!response.headers.get("Content-Type")?.startsWith("text/html")) continue;
      const html = await response.text();
      pages.add(templateOf(path));
      for (const form of formsOf(path, html)) {
        if (!form.action.startsWith("/")) continue; // the budget upload posts to the bucket, not to us
        const url = new URL(form.action, "http://localhost");
        const template = templateOf(form.action);
        const key = `${form.method} ${template}`;
        const known = found.get(key);
        if (known) {
          for (const [name, values] of form.fields)
            known.fields.set(name, [...(known.fields.get(name) ?? []), ...values]);
        } else {
          found.set(key, { page: path, method: form.method, template, query: url.search, fields: form.fields });
        }
      }
      for (const link of linksOf(html, ["/apply", "/staff"])) {
        // Language links repeat a page; sign-out links would end the visit.
        if (!link.includes("lang=") && !seen.has(link)) queue.push(link);
      }
    }
  }
  const forms = [...found.values()].sort((a, b) =>
    `${a.method} ${a.template}`.localeCompare(`${b.method} ${b.template}`),
  );
  return { forms, pages: [...pages].sort() };
}
