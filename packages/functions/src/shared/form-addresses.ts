// A form's own address answers a visit too (a reload after a refusal, the history, a bookmark): with the page the
// form is on, never with a 404 and never by doing what the form does.
import { createArea } from "./app.js";

/** The POST-only addresses of an app, each with the page its form is on (`id` is the path's `:id`, if any). */
export function formAddresses(pages: Record<string, (id: string) => string>) {
  const routes = createArea();
  for (const [path, page] of Object.entries(pages)) {
    routes.get(path, (c) => c.redirect(page(encodeURIComponent(c.req.param("id") ?? "")), 303));
  }
  return routes;
}
