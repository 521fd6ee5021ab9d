import type { FieldError } from "@amparo/core/error";
import type * as User from "@amparo/core/user";
import { raw } from "hono/html";
import { ErrorSummary, Field, Notice, fieldMessage, type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** Staff sign in with their address: a one-time link is emailed to it. */
export function SignInPage({
  page,
  sent = false,
  errors = [],
  signedOut = false,
}: {
  page: PageContext;
  sent?: boolean;
  errors?: FieldError[];
  /** Arrived here by signing out: the page says that it worked. */
  signedOut?: boolean;
}) {
  const { t } = page;
  if (sent) {
    return (
      <StaffLayout page={page}>
        <h1>{t("staff.signin.sent.heading")}</h1>
        <p>{t("staff.signin.sent.text")}</p>
      </StaffLayout>
    );
  }
  return (
    <StaffLayout page={page}>
      <h1>{t("staff.signin.heading")}</h1>
      <Notice text={signedOut ? t("staff.signout.done") : undefined} />
      <p class="lead">{t("staff.signin.intro")}</p>
      <ErrorSummary page={page} items={errors.map((error) => ({ href: "#email", text: fieldMessage(page, error) }))} />
      <form method="post" action="/staff/sign-in/request">
        <Field id="email" label={t("staff.signin.email")}>
          <input type="email" id="email" name="email" autocomplete="email" required />
        </Field>
        <p class="actions">
          <button type="submit">{t("staff.signin.submit")}</button>
        </p>
      </form>
    </StaffLayout>
  );
}

/** The emailed link lands here: a button signs in, so a preview that fetches the link does not use it up. */
export function LinkPage({ page, token, invalid = false }: { page: PageContext; token: string; invalid?: boolean }) {
  const { t } = page;
  return (
    <StaffLayout page={page}>
      <h1>{t("staff.link.heading")}</h1>
      {invalid ? (
        <>
          <ErrorSummary page={page} items={[{ href: "/staff", text: t("staff.link.invalid") }]} />
          <p>
            <a href="/staff">{t("staff.signin.submit")}</a>
          </p>
        </>
      ) : (
        <form method="post" action="/staff/sign-in" autocomplete="off">
          <p>{t("staff.link.intro")}</p>
          <input type="hidden" name="token" value={token} />
          <Field id="totp" label={t("staff.link.totp")}>
            <input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength={6} />
          </Field>
          {/* Folded away: most people have their phone. Opens without script (details/summary). */}
          <details class="recovery">
            <summary>{t("staff.link.recovery.toggle")}</summary>
            <Field id="recovery-code" label={t("staff.link.recovery")} help={t("staff.link.recovery.help")}>
              <input
                type="text"
                id="recovery-code"
                name="recoveryCode"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                maxlength={40}
                aria-describedby="recovery-code-help"
              />
            </Field>
          </details>
          <p class="actions">
            <button type="submit">{t("staff.link.submit")}</button>
          </p>
        </form>
      )}
    </StaffLayout>
  );
}

export function EnrolPage({
  page,
  user,
  secret,
  qrSvg,
  error,
}: {
  page: PageContext;
  user: User.Info;
  secret: string;
  qrSvg: string;
  error?: string;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.totp.heading")}</h1>
      <p class="lead">{t("staff.totp.intro")}</p>
      <ErrorSummary page={page} items={error ? [{ href: "#code", text: error }] : []} />
      {/* Inline SVG, drawn by the server: no image request, nothing from elsewhere. */}
      <div class="qr" role="img" aria-label={t("staff.totp.key")}>
        {raw(qrSvg)}
      </div>
      <p>
        {t("staff.totp.key")}: <code>{secret.match(/.{1,4}/g)!.join(" ")}</code>
      </p>
      <form method="post" action="/staff/totp" autocomplete="off">
        <Field id="code" label={t("staff.totp.code")}>
          <input
            type="text"
            id="code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={6}
            required
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("staff.totp.submit")}</button>
        </p>
      </form>
    </StaffLayout>
  );
}
