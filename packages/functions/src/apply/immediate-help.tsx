// Where someone under attack today can turn at once: the call's 24/7 helplines, a short list with links a phone
// can dial and open, shown wherever an applicant may stop (the call's page, a refusal, an outcome).
import type * as Call from "@amparo/core/call";
import { Text, type PageContext } from "../shared/pages.js";

export function ImmediateHelp({ page, call, level = 2 }: { page: PageContext; call: Call.Info; level?: 2 | 3 }) {
  if (call.immediateHelp.length === 0) return null;
  const { t } = page;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section class="help-now" aria-labelledby="help-now">
      <Heading id="help-now">{t("help.heading")}</Heading>
      <ul class="help-list">
        {call.immediateHelp.map((contact) => (
          <li>
            <strong>
              <Text text={contact.name} locale={page.locale} />
            </strong>
            {contact.description && (
              <span class="help">
                <Text text={contact.description} locale={page.locale} />
              </span>
            )}
            <span class="help-ways">
              {contact.phone && (
                <a href={`tel:${contact.phone.replace(/ /g, "")}`}>{t("help.call", { phone: contact.phone })}</a>
              )}
              {/* Another site: the page sends no referrer, so it learns nothing of where the reader came from. */}
              {contact.url && (
                <a href={contact.url} rel="noreferrer">
                  {t("help.web")}: {new URL(contact.url).host}
                </a>
              )}
              {contact.email && <a href={`mailto:${contact.email}`}>{t("help.email", { email: contact.email })}</a>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
