import { formatDate } from "@amparo/core/i18n";
import type { PageContext } from "../shared/pages.js";

export { StaffLayout } from "../shared/staff-layout.js";

/** A decision deadline as a date, or a dash when there is none yet. */
export const dueDate = (page: PageContext, iso: string | null | undefined) =>
  iso ? formatDate(page.locale, iso) : "—";
