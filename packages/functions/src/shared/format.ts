import type * as Call from "@amparo/core/call";
import { formatFileSize, formatMoney } from "@amparo/core/i18n";
import type { PageContext } from "./pages.js";

/** The short names of the budget file types a call may allow, as people know them. */
export const fileTypeNames: Record<Call.Info["budgetFile"]["types"][number], string> = {
  "text/csv": "CSV",
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
};

/** A file's size or a size limit as people read it ("10 MB", "12 kB"), in the reader's number format. */
export function fileSize(bytes: number, page: PageContext): string {
  return formatFileSize(page.locale, bytes);
}

/** Formats amounts of one currency (a call's) in the reader's format, without cents. */
export function moneyIn(page: PageContext, currency: string): (amount: number) => string {
  return (amount) => formatMoney(page.locale, amount, currency);
}
