import * as Call from "@amparo/core/call";
import * as Eligibility from "@amparo/core/eligibility";
import { VisibleError } from "@amparo/core/error";
import { handle } from "hono/aws-lambda";
import { createApp, type AppContext } from "../shared/app.js";
import { html, pageContext, stylesheetPath } from "../shared/pages.js";
import { siteCss } from "../shared/site-css.js";
import { mountCallsApi } from "./api.js";
import { mountApplicationsApi } from "./applications-api.js";
import { mountApplicationPages } from "./application-routes.js";
import { CallPage, HomePage, QuizPage, ResultPage } from "./pages.js";

/** The applicants' app: public pages and the calls and applications API. */
export const app = createApp();

const page = (c: AppContext) => pageContext(c.get("language"), c.req.path);

app.get(stylesheetPath, (c) =>
  c.body(siteCss, 200, {
    "Content-Type": "text/css; charset=utf-8",
    "Cache-Control": "public, max-age=31536000, immutable",
  }),
);

// The applicant's own pages first: their fixed paths (/apply/my, /apply/resume) must win over /apply/:callId.
mountApplicationPages(app);

app.get("/", async (c) => html(c, HomePage({ calls: await Call.list(), page: page(c) })));
app.get("/apply", (c) => c.redirect("/", 303));
app.get("/apply/:callId", async (c) =>
  html(c, CallPage({ call: await Call.get(c.req.param("callId")), page: page(c) })),
);

app.get("/apply/:callId/eligibility", async (c) => {
  const call = await Call.get(c.req.param("callId"));
  return html(c, QuizPage({ call, page: page(c) }));
});

app.post("/apply/:callId/eligibility", async (c) => {
  const call = await Call.get(c.req.param("callId"));
  const form = await c.req.parseBody({ all: true });
  const values: Record<string, string | string[]> = {};
  for (const question of call.eligibility.questions) {
    const value = form[question.id];
    if (typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"))) {
      values[question.id] = value as string | string[];
    }
  }
  // "Change my answers" comes back here with the answers in hidden fields: show them, check nothing.
  if (form["_edit"] !== undefined) return html(c, QuizPage({ call, page: page(c), values }));
  try {
    const result = Eligibility.check(call, Eligibility.fromForm(call, values));
    await Eligibility.count(call.id, result);
    return html(c, ResultPage({ call, page: page(c), result, values }));
  } catch (error) {
    if (!(error instanceof VisibleError) || error.errors.length === 0) throw error;
    return html(c, QuizPage({ call, page: page(c), values, errors: error.errors }), error.kind === "input" ? 400 : 422);
  }
});

mountCallsApi(app);
mountApplicationsApi(app);

// The whole API's description, joined from each app's own; loaded only when asked for.
app.get("/api/v1/openapi.json", async (c) => c.json((await import("../openapi.js")).document()));

export const handler = handle(app);
