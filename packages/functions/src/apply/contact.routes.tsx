import * as Contact from "@amparo/core/contact";
import { NotFoundError } from "@amparo/core/error";
import { createArea } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { ContactPage, contactPath } from "./contact.pages.js";

/**
 * The page a confirmation email links to. Opening it changes nothing (mail scanners open links): the person
 * presses its one button, a plain form post, to confirm.
 */
export const contactRoutes = createArea();

contactRoutes.get(contactPath, (c) => html(c, ContactPage({ page: pageOf(c), token: c.req.query("token") ?? "" })));

contactRoutes.post(contactPath, async (c) => {
  const token = single((await readForm(c)).values(["token"])["token"]);
  try {
    await Contact.confirm(token);
  } catch (error) {
    if (error instanceof NotFoundError) return html(c, ContactPage({ page: pageOf(c), token, unknown: true }), 404);
    throw error;
  }
  return html(c, ContactPage({ page: pageOf(c), token, done: true }));
});
