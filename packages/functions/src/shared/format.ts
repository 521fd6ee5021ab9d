import type * as Call from "@amparo/core/call";
import { formatMoney } from "@amparo/core/i18n";
import type { PageContext } from "./pages.js";

/** The short names of the budget file types a call may allow, as people know them. */
export const fileTypeNames: Record<Call.Info["budgetFile"]["types"][number], string> = {
  "text/csv": "CSV",
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
};

/** A file size in megabytes, one decimal at most, in the reader's number format ("1,5 MB"). */
export function megabytes(bytes: number, page: PageContext): string {
  return `${new Intl.NumberFormat(page.locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** A file's size as people read it: kilobytes below a megabyte (a small CSV is not "0 MB"). */
export function fileSize(bytes: number, page: PageContext): string {
  if (bytes >= 1024 * 1024) return megabytes(bytes, page);
  return `${new Intl.NumberFormat(page.locale).format(Math.max(1, Math.ceil(bytes / 1024)))} KB`;
}

/** Formats amounts of one currency (a call's) in the reader's format, without cents. */
export function moneyIn(page: PageContext, currency: string): (amount: number) => string {
  return (amount) => formatMoney(page.locale, amount, currency);
}
