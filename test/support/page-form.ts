/**
 * What a browser would send for a form of a server-rendered page: its controls' names and current values (a
 * checkbox or radio only when checked, a select's selected option, a textarea's text), in document order. The
 * pages are Hono JSX, whose output is regular enough for regular expressions; buttons are left out (the test
 * adds the one it presses).
 */
const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };
const decode = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39|apos|#x([0-9a-fA-F]+)|#(\d+));/g,
    (all, name: string, hex?: string, dec?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (entities[name] ?? all),
  );

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*"([^"]*)")?/g)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? "");
  }
  return found;
}

export function formEntries(html: string, action: string): [string, string][] {
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find(
    (match) => attributes(match[1]!)["action"] === action,
  );
  if (!form) throw new Error(`no form posts to ${action}`);
  const entries: [string, string][] = [];
  const controls =
    /<(input)\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  for (const match of form[2]!.matchAll(controls)) {
    if (match[1]) {
      const attrs = attributes(match[2]!);
      if (!attrs["name"] || attrs["disabled"] !== undefined) continue;
      const type = (attrs["type"] ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "file") continue;
      if ((type === "checkbox" || type === "radio") && attrs["checked"] === undefined) continue;
      entries.push([attrs["name"], attrs["value"] ?? (type === "checkbox" || type === "radio" ? "on" : "")]);
    } else if (match[3] !== undefined) {
      const attrs = attributes(match[3]);
      if (attrs["name"]) entries.push([attrs["name"], decode(match[4]!).replace(/^\n/, "")]);
    } else {
      const attrs = attributes(match[5]!);
      if (!attrs["name"]) continue;
      const options = [...match[6]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map((option) => ({
        attrs: attributes(option[1]!),
        text: decode(option[2]!),
      }));
      const chosen = options.find((option) => option.attrs["selected"] !== undefined) ?? options[0];
      if (chosen) entries.push([attrs["name"], chosen.attrs["value"] ?? chosen.text]);
    }
  }
  return entries;
}

/** The entries with one control's value replaced (the control must be there). */
export function withValue(entries: [string, string][], name: string, value: string): [string, string][] {
  if (!entries.some(([key]) => key === name)) throw new Error(`no control ${name}`);
  return entries.map(([key, old]) => [key, key === name ? value : old]);
}
