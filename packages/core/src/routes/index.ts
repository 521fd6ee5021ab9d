/**
 * The one route table: which path prefixes each audience's app answers. API Gateway's routes (infra) and the
 * local server (packages/local) are both built from it, so they cannot drift apart.
 */
export const apps = ["apply", "staff", "report", "docs"] as const;
export type App = (typeof apps)[number];

export interface Route {
  app: App;
  /** Path prefixes matched on segment boundaries: `/staff` takes `/staff` and `/staff/...`, not `/staffing`. */
  prefixes: string[];
}

export const table: Route[] = [
  { app: "apply", prefixes: ["/apply", "/api/v1/calls", "/api/v1/applications", "/api/v1/contact", "/assets"] },
  { app: "staff", prefixes: ["/staff", "/api/v1/auth", "/api/v1/review", "/api/v1/admin"] },
  // `/staff/reports` is longer than `/staff`, so it wins: the report pages get the staff session cookie
  // (scoped to `/staff`) while staying in the report app, which never decrypts or reads uploads.
  { app: "report", prefixes: ["/reports", "/api/v1/reports", "/staff/reports"] },
  // The API's description imports every audience's API modules; on its own, it keeps them out of the others.
  { app: "docs", prefixes: ["/api/v1/openapi.json"] },
];

/** Whatever no prefix claims (the home page, unknown paths) goes to the applicants' app. */
export const fallback: App = "apply";

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The app that answers `path`; the longest matching prefix wins. */
export function appFor(path: string): App {
  let best: { app: App; length: number } | undefined;
  for (const route of table) {
    for (const prefix of route.prefixes) {
      if (matches(path, prefix) && (!best || prefix.length > best.length))
        best = { app: route.app, length: prefix.length };
    }
  }
  return best?.app ?? fallback;
}
