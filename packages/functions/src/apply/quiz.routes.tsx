import * as Call from "@amparo/core/call";
import * as Eligibility from "@amparo/core/eligibility";
import { VisibleError } from "@amparo/core/error";
import { createArea } from "../shared/app.js";
import { readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { callFor, offerLanguagesOf } from "./offered-languages.js";
import { CallPage, HomePage, QuizPage, ResultPage } from "./quiz.pages.js";

/** The way in: the home page's calls, one call's page, and its eligibility quiz (nothing stored about the person). */
export const quizRoutes = createArea();

quizRoutes.get("/", async (c) => {
  const calls = await Call.list();
  offerLanguagesOf(c, calls);
  return html(c, HomePage({ calls, page: pageOf(c) }));
});
quizRoutes.get("/apply", (c) => c.redirect("/", 303));
quizRoutes.get("/apply/:callId", async (c) =>
  html(c, CallPage({ call: await callFor(c, c.req.param("callId")), page: pageOf(c) })),
);

quizRoutes.get("/apply/:callId/eligibility", async (c) => {
  const call = await callFor(c, c.req.param("callId"));
  return html(c, QuizPage({ call, page: pageOf(c) }));
});

quizRoutes.post("/apply/:callId/eligibility", async (c) => {
  const call = await callFor(c, c.req.param("callId"));
  const form = await readForm(c);
  const values = form.values(call.eligibility.questions.map((question) => question.id));
  // A language switch on the result: the same answers' result in the other language, counted once already.
  const switched = form.has("_switch");
  if (switched && form.has("_result")) {
    const result = Eligibility.check(call, Eligibility.fromForm(call, values));
    return html(c, ResultPage({ call, page: pageOf(c), result, values }));
  }
  // "Change my answers" comes back here with the answers in hidden fields, and a language switch with what was
  // typed so far: show them, check nothing.
  if (form.has("_edit") || switched) return html(c, QuizPage({ call, page: pageOf(c), values }));
  try {
    const result = Eligibility.check(call, Eligibility.fromForm(call, values));
    await Eligibility.count(call.id, result);
    return html(c, ResultPage({ call, page: pageOf(c), result, values }));
  } catch (error) {
    if (!(error instanceof VisibleError) || error.errors.length === 0) throw error;
    return html(
      c,
      QuizPage({ call, page: pageOf(c), values, errors: error.errors }),
      error.kind === "input" ? 400 : 422,
    );
  }
});
