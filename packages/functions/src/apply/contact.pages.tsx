import { Layout, Notice, type PageContext } from "../shared/pages.js";

/** Where a contact address's confirmation link leads. */
export const contactPath = "/apply/contact";

/** One button that confirms the address; after it, or for a link that no longer works, a plain sentence. */
export function ContactPage({
  page,
  token,
  done = false,
  unknown = false,
}: {
  page: PageContext;
  token: string;
  done?: boolean;
  unknown?: boolean;
}) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("contact.heading")}</h1>
      <Notice text={done ? t("contact.done") : undefined} />
      {unknown && (
        <>
          <p class="lead">{t("contact.unknown")}</p>
          <p>
            <a href="/apply/resume">{t("home.resume")}</a>
          </p>
        </>
      )}
      {!done && !unknown && (
        <form method="post" action={contactPath} autocomplete="off">
          <p class="lead">{t("contact.intro")}</p>
          <input type="hidden" name="token" value={token} />
          <p class="actions">
            <button type="submit">{t("contact.button")}</button>
          </p>
        </form>
      )}
    </Layout>
  );
}
