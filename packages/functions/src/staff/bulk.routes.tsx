import * as Call from "@amparo/core/call";
import { InvalidInputError } from "@amparo/core/error";
import * as Review from "@amparo/core/review";
import { createArea } from "../shared/app.js";
import { readForm, type Form } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { BulkResultPage, DeclineConfirmPage, NothingTickedPage, type Ticked } from "./bulk.pages.js";
import { staff } from "./session.js";

/**
 * The coordinators' list acts on several applications at once: shortlist the ticked ones in one post,
 * or decline them with one note after a confirmation page. Each is its own conditional move in core, on the
 * version the list showed, so one changed since the list was loaded is left as it is and named on the result.
 */
export const bulkRoutes = createArea();

/** A ticked row as the list sends it, `<id>:<version>`; anything else is not something the list sends (400). */
function tickedOf(form: Form): Ticked[] {
  const items = form.list("items").map((value) => {
    const match = /^([A-Za-z0-9-]{1,64}):(\d{1,9})$/.exec(value);
    if (!match) throw new InvalidInputError("malformed_body", [{ path: "items", message: "validation.invalid" }]);
    return { id: match[1]!, version: Number(match[2]) };
  });
  // Ticked twice (a resent form) is still one move each.
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

bulkRoutes.post("/staff/applications/shortlist", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const form = await readForm(c);
  const call = await Call.get(form.text("callId"));
  const items = tickedOf(form);
  if (items.length === 0) return html(c, NothingTickedPage({ page: pageOf(c), user, call }), 422);
  const { results } = await Review.shortlistMany(user, call.id, items);
  return html(c, BulkResultPage({ page: pageOf(c), user, call, kind: "shortlist", results }));
});

/** Without `confirm=yes` (the list's button), the confirmation page; with it, the declines. */
bulkRoutes.post("/staff/applications/decline", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const form = await readForm(c);
  const call = await Call.get(form.text("callId"));
  const items = tickedOf(form);
  if (items.length === 0) return html(c, NothingTickedPage({ page: pageOf(c), user, call }), 422);
  const note = form.text("note");
  const page = pageOf(c);
  if (form.text("confirm") !== "yes") return html(c, DeclineConfirmPage({ page, user, call, items }));
  if (!note) {
    const error = { path: "note", message: "staff.bulk.decline.note_required" } as const;
    return html(c, DeclineConfirmPage({ page, user, call, items, error }), 422);
  }
  const { results } = await Review.declineMany(user, call.id, items, note);
  return html(c, BulkResultPage({ page, user, call, kind: "decline", results }));
});
