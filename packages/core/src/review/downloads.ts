import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import { NotFoundError } from "../error/index.js";
import type * as User from "../user/index.js";
import { readable } from "./access.js";

/**
 * The budget file's checked bytes, for a staff member who may read the application (`readable`: 404 or
 * 403 otherwise; 404 when there is no file). The download is recorded first, in one write, as an audit
 * event on the application (`budget_file_downloaded`, who, when, which file by its hash).
 */
export async function downloadBudgetFile(user: User.Info, applicationId: string): Promise<Application.BudgetFileBytes> {
  const { app } = await readable(user, applicationId);
  if (!app.budgetFile) throw new NotFoundError("budget_file.not_found");
  const file = await Application.readBudgetFile(app.budgetFile);
  await Audit.record({ application: app.id }, "budget_file_downloaded", `user:${user.id}`, { sha256: file.sha256 });
  return file;
}

/**
 * One full-application document's checked bytes, as `downloadBudgetFile`: for a staff member who may read the
 * application and see the full application (a reviewer once it is sent), recorded first (`document_downloaded`,
 * who, when, which document and its hash). 404 when there is no such document.
 */
export async function downloadDocument(
  user: User.Info,
  applicationId: string,
  documentId: string,
): Promise<Application.BudgetFileBytes> {
  const { app, access } = await readable(user, applicationId);
  const full = app.fullApplication;
  const file = full && (access.kind === "coordinator" || full.submittedAt) ? full.documents[documentId] : undefined;
  if (!file) throw new NotFoundError("document.not_found");
  const bytes = await Application.readBudgetFile(file);
  await Audit.record({ application: app.id }, "document_downloaded", `user:${user.id}`, {
    documentId,
    sha256: bytes.sha256,
  });
  return bytes;
}
