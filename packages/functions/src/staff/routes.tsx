import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import { VisibleError, type FieldError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import { parseTypedNumber } from "@amparo/core/form";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import * as User from "@amparo/core/user";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ZodError } from "zod";
import type { AppContext, Env } from "../shared/app.js";
import { html, pageContext } from "../shared/pages.js";
import {
  AdminPage,
  ApplicationPage,
  ConflictPage,
  EnrolPage,
  HomePage,
  LinkPage,
  ListPage,
  SignInPage,
} from "./pages.js";
import { forgetSession, rememberSession, sessionToken, staff } from "./session.js";

const page = (c: AppContext) => pageContext(c.get("language"), c.req.path);

async function form(c: AppContext) {
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => {
    const value = body[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first.trim() : "";
  };
  const list = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (item): item is string => typeof item === "string",
    );
  };
  return { text, list };
}

/** Turns an expected refusal into errors shown on the page; anything else takes the one error path. */
function pageErrors(error: unknown): FieldError[] | undefined {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => ({ path: issue.path.join("."), message: "validation.invalid" }));
  }
  if (error instanceof VisibleError && ["input", "unprocessable", "conflict"].includes(error.kind)) {
    return error.errors.length > 0 ? error.errors : [{ path: "", message: error.messageKey, params: error.params }];
  }
  return undefined;
}

/** Signed in with a full session, or sent to the right step: sign-in, or second-factor enrolment. */
async function signedIn(c: AppContext) {
  try {
    const session = await staff(c, { allowEnrol: true });
    return session.scope === "full" ? session : { redirect: "/staff/totp" };
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "unauthenticated") return { redirect: "/staff" };
    throw error;
  }
}

async function renderApplication(
  c: AppContext,
  id: string,
  extra: { notice?: string; errors?: FieldError[] } = {},
  status: 200 | 403 | 409 | 422 = 200,
) {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  const { user } = session;
  if (!["reviewer", "coordinator", "admin"].some((role) => user.roles.includes(role as User.Role))) {
    throw new VisibleError("forbidden", "auth.role", "error.forbidden");
  }
  let view: Review.StaffView;
  try {
    view = await Review.view(user, id);
  } catch (error) {
    if (error instanceof VisibleError && error.code === "review.declare_first") {
      return html(c, ConflictPage({ page: page(c), user, id }), 403);
    }
    if (error instanceof VisibleError && error.code === "review.conflicted") {
      return html(c, ConflictPage({ page: page(c), user, id, declared: true }), 403);
    }
    throw error;
  }
  const call = await Call.get(view.callId);
  const everyone = await User.list();
  const emails = new Map(everyone.map((account) => [account.id, account.email]));
  let reviewers: { id: string; email: string; open: number }[] = [];
  if (view.allowedMoves) {
    const candidates = everyone.filter(
      (account) => account.roles.includes("reviewer") && account.callIds.includes(call.id),
    );
    const open = await Review.workload(candidates.map((account) => account.id));
    reviewers = candidates.map((account) => ({
      id: account.id,
      email: account.email,
      open: open.get(account.id) ?? 0,
    }));
  }
  return html(c, ApplicationPage({ page: page(c), user, call, view, emails, reviewers, ...extra }), status);
}

/** The staff pages: sign-in by emailed link, second factor, work lists, applications, administration. */
export function mountStaffPages(app: OpenAPIHono<Env>) {
  app.get("/staff", async (c) => {
    if (!sessionToken(c)) return html(c, SignInPage({ page: page(c) }));
    const session = await signedIn(c);
    if ("redirect" in session) {
      if (session.redirect === "/staff") forgetSession(c);
      return session.redirect === "/staff" ? html(c, SignInPage({ page: page(c) })) : c.redirect(session.redirect, 303);
    }
    const { user } = session;
    const queue = user.roles.includes("reviewer") ? await Review.queue(user) : undefined;
    return html(c, HomePage({ page: page(c), user, queue, calls: await Call.list() }));
  });

  app.post("/staff/sign-in/request", async (c) => {
    const { text } = await form(c);
    try {
      await Auth.requestLink({ email: text("email"), locale: c.get("language") });
    } catch (error) {
      const errors = pageErrors(error);
      if (!errors || error instanceof VisibleError) throw error;
      return html(
        c,
        SignInPage({ page: page(c), errors: [{ path: "email", message: "validation.invalid_format" }] }),
        400,
      );
    }
    return html(c, SignInPage({ page: page(c), sent: true }), 202);
  });

  app.get("/staff/sign-in/link", (c) => html(c, LinkPage({ page: page(c), token: c.req.query("token") ?? "" })));

  app.post("/staff/sign-in", async (c) => {
    const { text } = await form(c);
    const totp = text("totp");
    try {
      const result = await Auth.verify({ token: text("token"), ...(totp ? { totp } : {}) });
      rememberSession(c, result.session);
      return c.redirect(result.scope === "enrol" ? "/staff/totp" : "/staff", 303);
    } catch (error) {
      if (error instanceof VisibleError && error.kind === "unauthenticated") {
        return html(c, LinkPage({ page: page(c), token: "", invalid: true }), 401);
      }
      throw error;
    }
  });

  app.get("/staff/totp", async (c) => {
    const { user } = await staff(c, { allowEnrol: true });
    const enrolment = await Auth.enrol(user, { reuse: true });
    return html(c, EnrolPage({ page: page(c), user, ...enrolment }));
  });

  app.post("/staff/totp", async (c) => {
    const { user, token } = await staff(c, { allowEnrol: true });
    const { text } = await form(c);
    try {
      const { session } = await Auth.confirm(user, text("code"), token);
      rememberSession(c, session);
      return c.redirect("/staff", 303);
    } catch (error) {
      if (!(error instanceof VisibleError) || error.code !== "auth.totp_invalid") throw error;
      // The same secret stays pending: the person's app already holds it.
      const enrolment = await Auth.enrol(user, { reuse: true });
      return html(
        c,
        EnrolPage({ page: page(c), user, ...enrolment, error: t(c.get("language"), "error.totp_invalid") }),
        422,
      );
    }
  });

  app.post("/staff/sign-out", async (c) => {
    const token = sessionToken(c);
    if (token) await Auth.signOut(token);
    forgetSession(c);
    return c.redirect("/staff", 303);
  });

  app.get("/staff/applications", async (c) => {
    const session = await signedIn(c);
    if ("redirect" in session) return c.redirect(session.redirect, 303);
    const call = await Call.get(c.req.query("callId") ?? "");
    const stage = Call.Stage.safeParse(c.req.query("stage"));
    const items = await Review.listForCoordinator(session.user, call.id, stage.success ? stage.data : undefined);
    return html(
      c,
      ListPage({ page: page(c), user: session.user, call, ...(stage.success ? { stage: stage.data } : {}), items }),
    );
  });

  app.get("/staff/applications/:id", (c) => renderApplication(c, c.req.param("id")));

  app.post("/staff/applications/:id/conflict", async (c) => {
    const { user } = await staff(c, { roles: ["reviewer"] });
    const { text } = await form(c);
    const choice = text("conflict");
    if (choice !== "yes" && choice !== "no") {
      return html(c, ConflictPage({ page: page(c), user, id: c.req.param("id") }), 400);
    }
    const note = text("note");
    await Review.declare(user, c.req.param("id"), { conflict: choice === "yes", ...(note ? { note } : {}) });
    return c.redirect(`/staff/applications/${c.req.param("id")}`, 303);
  });

  app.post("/staff/applications/:id/score", async (c) => {
    const { user } = await staff(c, { roles: ["reviewer"] });
    const id = c.req.param("id");
    const { text } = await form(c);
    const view = await Review.view(user, id);
    const call = await Call.get(view.callId);
    const scores = Object.fromEntries(
      call.rubric.criteria.map((criterion) => [criterion.id, parseTypedNumber(text(`score-${criterion.id}`)) ?? null]),
    );
    const recommendation = text("recommendation");
    try {
      const { weightedScore } = await Review.score(user, id, {
        scores: Object.fromEntries(Object.entries(scores).filter(([, value]) => value !== null)),
        recommendation: recommendation as "fund",
        comment: text("comment"),
      });
      return renderApplication(c, id, { notice: t(c.get("language"), "staff.score.saved", { score: weightedScore }) });
    } catch (error) {
      const errors = pageErrors(error);
      if (!errors) throw error;
      return renderApplication(c, id, { errors }, 422);
    }
  });

  app.post("/staff/applications/:id/assign", async (c) => {
    const { user } = await staff(c, { roles: ["coordinator", "admin"] });
    const { list } = await form(c);
    const id = c.req.param("id");
    try {
      await Review.assign(user, id, { reviewerIds: list("reviewerIds") });
    } catch (error) {
      const errors = pageErrors(error);
      if (!errors) throw error;
      return renderApplication(c, id, { errors }, 422);
    }
    return c.redirect(`/staff/applications/${id}`, 303);
  });

  app.post("/staff/applications/:id/transition", async (c) => {
    const { user } = await staff(c, { roles: ["coordinator", "admin"] });
    const { text } = await form(c);
    const id = c.req.param("id");
    const amount = text("amount") ? parseTypedNumber(text("amount")) : undefined;
    try {
      const moved = await Stage.transition(user, id, {
        to: text("to") as Call.Stage,
        version: Number(text("version")),
        ...(text("note") ? { note: text("note") } : {}),
        ...(amount !== undefined ? { amount } : {}),
      });
      const stageName = t(c.get("language"), `staff.stage.${moved.stage}`);
      return renderApplication(c, id, { notice: t(c.get("language"), "staff.move.done", { stage: stageName }) });
    } catch (error) {
      const errors = pageErrors(error);
      if (!errors) throw error;
      return renderApplication(
        c,
        id,
        { errors },
        error instanceof VisibleError && error.kind === "conflict" ? 409 : 422,
      );
    }
  });

  const renderAdmin = async (
    c: AppContext,
    extra: Partial<Parameters<typeof AdminPage>[0]> = {},
    status: 200 | 400 | 409 | 422 = 200,
  ) => {
    const { user } = await staff(c, { roles: ["admin"] });
    return html(
      c,
      AdminPage({ page: page(c), user, calls: await Call.list(), users: await User.list(), ...extra }),
      status,
    );
  };

  app.get("/staff/admin", (c) => renderAdmin(c));

  app.get("/staff/admin/calls/:id", async (c) => {
    await staff(c, { roles: ["admin"] });
    const existing = await Call.fromID(c.req.param("id"));
    return renderAdmin(c, { editing: c.req.param("id"), config: existing ? JSON.stringify(existing, null, 2) : "{}" });
  });

  app.post("/staff/admin/calls/:id", async (c) => {
    await staff(c, { roles: ["admin"] });
    const id = c.req.param("id");
    const { text } = await form(c);
    const config = text("config");
    let parsed: unknown;
    try {
      parsed = JSON.parse(config);
    } catch {
      return renderAdmin(c, { editing: id, config, errors: [{ path: "", message: "staff.admin.invalid_json" }] }, 400);
    }
    const result = Call.Info.safeParse({ ...(parsed as object), id });
    if (!result.success) {
      const errors = result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: "validation.invalid" as const,
      }));
      return renderAdmin(c, { editing: id, config, errors }, 422);
    }
    await Call.put(result.data);
    return renderAdmin(c, {
      editing: id,
      config: JSON.stringify(result.data, null, 2),
      notice: t(c.get("language"), "staff.admin.saved"),
    });
  });

  app.post("/staff/admin/users", async (c) => {
    const { user } = await staff(c, { roles: ["admin"] });
    const { text, list } = await form(c);
    const input = User.CreateInput.safeParse({ email: text("email"), roles: list("roles"), callIds: list("callIds") });
    if (!input.success) {
      return renderAdmin(
        c,
        {
          errors: input.error.issues.map((issue) => ({
            path: issue.path.join("."),
            message: "validation.invalid" as const,
          })),
        },
        400,
      );
    }
    const created = await User.create({ ...input.data, createdBy: user.id });
    if (!created) return renderAdmin(c, { errors: [{ path: "email", message: "staff.admin.user.exists" }] }, 409);
    return renderAdmin(c, { notice: t(c.get("language"), "staff.admin.user.added") });
  });
}
