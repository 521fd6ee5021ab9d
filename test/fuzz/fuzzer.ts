import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Dynamo from "@amparo/core/dynamo";
import * as Routes from "@amparo/core/routes";
import * as Session from "@amparo/core/session";
import type * as User from "@amparo/core/user";
import { app as apply } from "@amparo/functions/apply/index";
import { app as docs } from "@amparo/functions/docs/index";
import { app as report } from "@amparo/functions/report/index";
import { app as staff } from "@amparo/functions/staff/index";
import { emergencyAnswers, grantAnswers } from "../support/answers.js";
import { everyItem } from "../support/http.js";
import { discoverForms, formsOf, type PageForm } from "./forms.js";
import { hostileBodyText, hostileString, prototypeKeys, toJson } from "./hostile.js";
import { invalidShaped, validShaped, type Components, type Schema } from "./schema.js";

/**
 * The contract fuzzer: requests built from the published OpenAPI document and from the forms of the pages,
 * with malformed, boundary and hostile values in path, query, headers and body, sent in-process to the app
 * the route table names, as every kind of caller. Each answer is held to three rules: never a 5xx; an error
 * on the API is an RFC 9457 problem (`application/problem+json`), on a page an HTML page with a 4xx; and a
 * refused request (4xx, or 5xx) changed nothing stored. The test runs a few hundred requests, the bench tens
 * of thousands; both use a fixed seed, so a finding can be run again.
 */

const apps = { apply, staff, report, docs } as const;

export const callers = [
  "nobody",
  "wrong token",
  "applicant",
  "other applicant",
  "reviewer",
  "coordinator",
  "funder",
  "admin",
] as const;
export type Caller = (typeof callers)[number];
type StaffRole = "reviewer" | "coordinator" | "funder" | "admin";
const staffRoles: StaffRole[] = ["reviewer", "coordinator", "funder", "admin"];

/** What the suite and the bench provide: how to make a staff account and how to sign it in. */
export interface Helpers {
  staffAccount(roles: User.Role[], callIds: string[]): Promise<User.Info>;
  /** A full session token for the account. */
  signIn(email: string): Promise<string>;
}

/** The known things a request may name: the fixtures, kept usable between requests (see `heal`). */
interface Fixtures {
  /** A draft application and its access code (the applicant's own). */
  draft: { id: string; token: string };
  /** A submitted application, assigned to the reviewer, who declared no conflict. */
  submitted: { id: string; token: string };
  /** Another applicant's application, on the other call: its code is the "other applicant" caller's. */
  other: { id: string; token: string };
  users: Record<StaffRole, User.Info>;
  sessions: Record<StaffRole, string>;
  calls: Call.Info[];
}

/** A value for a path parameter: one of the fixtures' ids, or hostile; written encoded or raw. */
type ParamValue = { known: "draft" | "submitted" | "other" | "call" | "otherCall" } | { raw: string; encode: boolean };

interface Operation {
  kind: "api";
  method: string;
  template: string;
  parameters: { name: string; in: string; schema: Schema; required?: boolean }[];
  body?: Schema;
}
interface FormTarget {
  kind: "page";
  form: PageForm;
}
type Target = Operation | FormTarget;

/** One generated request, before it is given the fixtures' current ids and codes. */
export interface Plan {
  target: number;
  caller: Caller;
  methodOverride?: string;
  params: Record<string, ParamValue>;
  query: [string, string][];
  headers: Record<string, string | undefined>;
  authorization: { scheme: "bearer" | "lower" | "basic" | "bare" | "padded" | "hostile"; hostile: string };
  body?: { text: string; contentType?: string } | { form: [string, string][]; multipart: boolean; file?: string };
  sameOrigin: "same-origin" | "cross-site" | "none";
}

export type Category = "5xx" | "not a problem" | "page error not HTML" | "changed stored data";

export interface Finding {
  category: Category;
  route: string;
  status: number;
  count: number;
  example: { caller: Caller; method: string; url: string; headers: Record<string, string>; body?: string };
  detail: string;
}

export interface Totals {
  sent: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  notProblem: number;
  pageNotHtml: number;
  changedOnRejection: number;
  findings: Finding[];
}

export interface Fuzzer {
  targets: Target[];
  run(options: { runs: number; seed: number; onProgress?: (done: number) => void }): Promise<Totals>;
}

/* ----------------------------------------------------------------------------------------------------------- */

async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const pathname = new URL(path, "http://localhost").pathname;
  return apps[Routes.appFor(pathname)].request(path, { method, ...init });
}

async function createApplication(callId: "digital-emergency" | "concept-notes-2026") {
  const answers = callId === "digital-emergency" ? emergencyAnswers : grantAnswers;
  const response = await send("POST", "/api/v1/applications", {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ callId, language: "es", eligibility: { answers } }),
  });
  if (response.status !== 201) throw new Error(`fixture: create answered ${response.status}`);
  return (await response.json()) as { id: string; token: string };
}

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await send(method, path, {
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300) throw new Error(`fixture: ${method} ${path} answered ${response.status}`);
  return response;
}

async function submittedApplication(sessions: Record<StaffRole, string>, reviewer: User.Info) {
  const created = await createApplication("digital-emergency");
  const base = `/api/v1/applications/${created.id}`;
  await call("PUT", `${base}/concept-note`, created.token, {
    fields: { situation: "Our office was raided and the laptops taken.", need: "Two laptops." },
  });
  await call("PUT", `${base}/funding`, created.token, { amount: 900, annualBudget: 0, months: 2 });
  await call("POST", `${base}/submit`, created.token);
  const review = `/api/v1/review/applications/${created.id}`;
  await call("POST", `${review}/assign`, sessions.coordinator, { reviewerIds: [reviewer.id] });
  await call("POST", `${review}/conflict`, sessions.reviewer, { conflict: false });
  return created;
}

/**
 * Puts back what the fuzzer's own successful requests used up, so later requests still reach deep code: a
 * signed-out session, a submitted or withdrawn draft, a decided application, a call an admin reconfigured.
 */
async function heal(fixtures: Fixtures): Promise<void> {
  for (const role of staffRoles) {
    try {
      await Session.lookup(fixtures.sessions[role]);
    } catch {
      // Signed out by a fuzzed sign-out. A new session straight from core: sign-in itself is fuzzed elsewhere.
      fixtures.sessions[role] = await Session.start(fixtures.users[role], "full");
    }
  }
  for (const original of fixtures.calls) {
    // Compared as configurations: every save is a new version, so the stored version never matches again.
    const stored = await Call.fromID(original.id);
    const { version: _version, ...current } = stored ?? { version: 0 };
    if (!isDeepStrictEqual(current, original)) await Call.put(original);
  }
  const stageOf = async (token: string) => (await Application.fromToken(token)).stage;
  if ((await stageOf(fixtures.draft.token)) !== "draft") fixtures.draft = await createApplication("digital-emergency");
  if (!["submitted", "in_review"].includes(await stageOf(fixtures.submitted.token))) {
    fixtures.submitted = await submittedApplication(fixtures.sessions, fixtures.users.reviewer);
  }
  if ((await stageOf(fixtures.other.token)) !== "draft") fixtures.other = await createApplication("concept-notes-2026");
}

/* ----------------------------------------------------------------------------------------------------------- */

/** Sets up the fixtures, reads the contract and the pages' forms, and returns a fuzzer ready to run. */
export async function prepare(helpers: Helpers): Promise<Fuzzer> {
  const users = {} as Record<StaffRole, User.Info>;
  const sessions = {} as Record<StaffRole, string>;
  for (const role of staffRoles) {
    users[role] = await helpers.staffAccount([role], role === "admin" ? [] : ["digital-emergency"]);
    sessions[role] = await helpers.signIn(users[role].email);
  }
  const fixtures: Fixtures = {
    draft: await createApplication("digital-emergency"),
    submitted: await submittedApplication(sessions, users.reviewer),
    other: await createApplication("concept-notes-2026"),
    users,
    sessions,
    calls: await Call.list(),
  };

  const document = (await (await send("GET", "/api/v1/openapi.json")).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema: Schema }> } }
      >
    >;
    components: { schemas: Components };
  };
  const components = document.components.schemas;
  const targets: Target[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      targets.push({
        kind: "api",
        method: method.toUpperCase(),
        template,
        parameters: operation.parameters ?? [],
        ...(operation.requestBody ? { body: operation.requestBody.content["application/json"]!.schema } : {}),
      });
    }
  }

  // Paths no operation answers, the report app's among them (it has no routes yet): each must be a 404 problem.
  for (const template of ["/api/v1/reports", "/api/v1/reports/{callId}", "/api/v1/nowhere", "/api/v2/calls"]) {
    const parameters = template.includes("{callId}")
      ? [{ name: "callId", in: "path", schema: { type: "string" } }]
      : [];
    targets.push({ kind: "api", method: "GET", template, parameters });
  }
  targets.push({
    kind: "page",
    form: { page: "/reports", method: "GET", template: "/reports", query: "", fields: new Map() },
  });

  // The pages' forms, as an applicant, each staff role and a stranger see them.
  const visitor = (cookie?: string) => (path: string) =>
    send("GET", path, cookie ? { headers: { Cookie: cookie } } : {});
  const { forms, pages } = await discoverForms(
    [
      visitor(),
      visitor(`access=${fixtures.draft.token}`),
      ...staffRoles.map((role) => visitor(`staff_session=${sessions[role]}`)),
    ],
    [
      "/",
      "/apply/digital-emergency/eligibility",
      "/apply/concept-notes-2026/eligibility",
      "/apply/resume",
      "/apply/my",
      "/staff",
      "/staff/totp",
      "/staff/sign-in/link?token=x",
      "/staff/admin",
      "/staff/admin/calls/digital-emergency",
      "/staff/applications?callId=digital-emergency",
      `/staff/applications/${fixtures.submitted.id}`,
    ],
    { [fixtures.submitted.id]: "id", [fixtures.draft.id]: "id", "digital-emergency": "callId" },
  );
  // The quiz's start form is only on the quiz's result page: post the quiz once to find it.
  const result = await send("POST", "/apply/digital-emergency/eligibility", {
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    body: "applicant-type=individual&country=CO&under-attack=yes&human-rights-work=yes&funded-recently=no",
  });
  for (const form of formsOf("/apply/digital-emergency/eligibility", await result.text())) {
    const template = form.action.replace("digital-emergency", "{callId}");
    if (!forms.some((known) => known.template === template && known.method === form.method)) {
      forms.push({ page: form.page, method: form.method, template, query: "", fields: form.fields });
    }
  }
  for (const form of forms) targets.push({ kind: "page", form });
  // The pages themselves, and a GET of every form's action (some answer one: a redirect, the page again).
  const gets = new Set([...pages, ...forms.filter((form) => form.method === "POST").map((form) => form.template)]);
  for (const template of [...gets].sort()) {
    if (forms.some((form) => form.method === "GET" && form.template === template)) continue;
    targets.push({ kind: "page", form: { page: template, method: "GET", template, query: "", fields: new Map() } });
  }

  const plans = planArbitrary(targets, components);
  return {
    targets,
    run: (options) =>
      runPlans(targets, fixtures, fc.sample(plans, { seed: options.seed, numRuns: options.runs }), options.onProgress),
  };
}

/* ----------------------------------------------------------------------------------------------------------- */

/** `arbitrary` in `present` cases out of `present + absent`, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, present: number, absent: number) =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary });

const paramValue = (name: string): fc.Arbitrary<ParamValue> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary:
        name === "callId"
          ? fc.constantFrom<ParamValue>({ known: "call" }, { known: "otherCall" })
          : fc.constantFrom<ParamValue>({ known: "draft" }, { known: "submitted" }, { known: "other" }),
    },
    { weight: 3, arbitrary: hostileString.map((raw): ParamValue => ({ raw, encode: true })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("..", "../..", "..%2f..", "%2e%2e", "a/b", "%00", "%", "?x=1", "#x", ";x", "%0d%0aSet-Cookie:x=1")
        .map((raw): ParamValue => ({ raw, encode: false })),
    },
  );

const contentTypes = fc.constantFrom(
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/problem+json",
  "application/json\u0000",
  "*/*",
  "",
);

const languages = fc.oneof(
  fc.constantFrom("es", "pt-BR,pt;q=0.9", "*", "xx", "en;q=1e309", "es;q=NaN,pt;q=-0", "zh-Hant-TW", ",,,;;;"),
  hostileString,
  fc.constant(`${"en;q=0.1,".repeat(500)}es`),
);

const headerArbitrary = fc.record(
  {
    "Accept-Language": languages,
    "Idempotency-Key": fc.oneof(hostileString, fc.constantFrom("k", "x".repeat(201), "x".repeat(5000))),
    Accept: fc.constantFrom("application/xml", "text/html", "*/*", "application/problem+json"),
    Cookie: fc.oneof(
      fc.constantFrom("lang=xx", "lang=__proto__", "access=%00", "staff_session=../..", "access=a; access=b"),
      hostileString.map((value) => `lang=${value}`),
    ),
  },
  { requiredKeys: [] },
);

/** A form body: each field left out, given a value the page offers, a hostile value, or both; extra fields. */
function formFields(form: PageForm): fc.Arbitrary<[string, string][]> {
  const fields = [...form.fields.entries()];
  const one = ([name, offered]: [string, string[]]) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 4,
        arbitrary:
          offered.length > 0
            ? fc.constantFrom(...offered).map((value): [string, string][] => [[name, value]])
            : hostileString.map((value): [string, string][] => [[name, value]]),
      },
      { weight: 3, arbitrary: hostileString.map((value): [string, string][] => [[name, value]]) },
      {
        weight: 1,
        arbitrary: fc
          .array(hostileString, { minLength: 2, maxLength: 4 })
          .map((values) => values.map((value): [string, string] => [name, value])),
      },
    );
  const extra = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "_edit", "_step"), hostileString),
      hostileString,
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...fields.map(one)), extra).map(([chosen, more]) => [...chosen.flat(), ...more]);
}

function planArbitrary(targets: Target[], components: Components): fc.Arbitrary<Plan> {
  return fc.integer({ min: 0, max: targets.length - 1 }).chain((index) => {
    const target = targets[index]!;
    const pathNames =
      target.kind === "api"
        ? target.parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name)
        : [...target.form.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const params = fc.record(Object.fromEntries(pathNames.map((name) => [name, paramValue(name)])));
    const queryNames =
      target.kind === "api"
        ? target.parameters.filter((parameter) => parameter.in === "query")
        : [{ name: "lang", schema: { type: "string", enum: ["en", "es", "pt"] } as Schema }];
    const query = fc
      .tuple(
        fc.tuple(
          ...queryNames.map((parameter) =>
            sometimes(
              validShaped(parameter.schema, components).map((value): [string, string] => [
                parameter.name,
                String(value),
              ]),
              1,
              1,
            ),
          ),
        ),
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom("__proto__", "lang", "callId", "constructor[prototype]"), hostileString),
            hostileString,
          ),
          {
            maxLength: 2,
          },
        ),
      )
      .map(([declared, extra]) => [
        ...declared.filter((pair): pair is [string, string] => pair !== undefined),
        ...extra,
      ]);

    let body: fc.Arbitrary<Plan["body"]>;
    if (target.kind === "api") {
      const json = (value: unknown) => toJson(value);
      const contentType = fc.oneof(
        { weight: 8, arbitrary: fc.constant("application/json") },
        { weight: 2, arbitrary: contentTypes },
        {
          weight: 1,
          arbitrary: fc.constant(undefined),
        },
      );
      const text = target.body
        ? fc.oneof(
            { weight: 5, arbitrary: validShaped(target.body, components).map(json) },
            { weight: 3, arbitrary: invalidShaped(target.body, components).map(json) },
            { weight: 1, arbitrary: prototypeKeys.map(json) },
            { weight: 2, arbitrary: hostileBodyText },
          )
        : fc.oneof({ weight: 1, arbitrary: hostileBodyText }, { weight: 1, arbitrary: prototypeKeys.map(json) });
      body = target.body
        ? fc.record({ text, contentType }).map((value) => ({
            text: value.text,
            ...(value.contentType === undefined ? {} : { contentType: value.contentType }),
          }))
        : sometimes(
            fc.record({ text, contentType }).map((value) => ({
              text: value.text,
              ...(value.contentType === undefined ? {} : { contentType: value.contentType }),
            })),
            1,
            4,
          );
    } else if (target.form.method === "GET") {
      body = fc.constant(undefined);
    } else {
      body = fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .record({
              form: formFields(target.form),
              multipart: fc.boolean(),
              file: sometimes(fc.constantFrom(...target.form.fields.keys(), "file"), 1, 5),
            })
            .map((value) => ({
              form: value.form,
              multipart: value.multipart,
              ...(value.file === undefined ? {} : { file: value.file }),
            })),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            text: hostileBodyText,
            // Mostly what a form claims to be, so the body is read as one.
            contentType: fc.oneof(
              contentTypes,
              fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz"),
            ),
          }),
        },
      );
    }
    // A GET form sends its fields in the query.
    const formQuery =
      target.kind === "page" && target.form.method === "GET"
        ? formFields(target.form)
        : fc.constant<[string, string][]>([]);

    return fc.record({
      target: fc.constant(index),
      caller: fc.constantFrom(...callers),
      // Now and then a method the route does not answer.
      methodOverride: sometimes(fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"), 1, 12),
      params,
      query: fc.tuple(query, formQuery).map(([a, b]) => [...b, ...a]),
      headers: headerArbitrary,
      authorization: fc.record({
        scheme: fc.oneof(
          { weight: 10, arbitrary: fc.constant("bearer" as const) },
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              "lower" as const,
              "basic" as const,
              "bare" as const,
              "padded" as const,
              "hostile" as const,
            ),
          },
        ),
        hostile: hostileString,
      }),
      body,
      sameOrigin: fc.oneof(
        { weight: 8, arbitrary: fc.constant("same-origin" as const) },
        { weight: 1, arbitrary: fc.constantFrom("cross-site" as const, "none" as const) },
      ),
    }) as fc.Arbitrary<Plan>;
  });
}

/* ----------------------------------------------------------------------------------------------------------- */

/**
 * A lone surrogate cannot be percent-encoded (a URL is UTF-8): a client would send U+FFFD, as here. Bodies
 * still carry lone surrogates, as JSON escapes.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What a person reads of an answer: a page's text without its markup, or the JSON as it is. */
const visibleText = (text: string) =>
  text
    .replace(/<head>[\s\S]*?<\/head>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const shorten = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

/** A header value as a client's UTF-8 bytes arrive (undici, like Lambda, holds them as Latin-1). */
const headerSafe = (value: string) => Buffer.from(value.replace(/[\r\n\0]/g, ""), "utf8").toString("latin1");

/** The caller's credential: the token or session it carries, or a wrong one. */
function credential(caller: Caller, fixtures: Fixtures, plan: Plan): string | undefined {
  switch (caller) {
    case "nobody":
      return undefined;
    case "wrong token":
      return plan.authorization.hostile.length % 2 ? Session.newToken() : plan.authorization.hostile;
    case "applicant":
      return fixtures.draft.token;
    case "other applicant":
      return fixtures.other.token;
    default:
      return fixtures.sessions[caller];
  }
}

interface Built {
  method: string;
  url: string;
  init: RequestInit;
  route: string;
  shown: { headers: Record<string, string>; body?: string };
}

function build(plan: Plan, target: Target, fixtures: Fixtures): Built {
  const template = target.kind === "api" ? target.template : target.form.template;
  const known = {
    draft: fixtures.draft.id,
    submitted: fixtures.submitted.id,
    other: fixtures.other.id,
    call: "digital-emergency",
    otherCall: "concept-notes-2026",
  };
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = plan.params[name];
    if (!value) return "x";
    if ("known" in value) return known[value.known];
    return value.encode ? encodeURIComponent(value.raw.replace(loneSurrogate, "\uFFFD")) : value.raw;
  });
  const query = new URLSearchParams(plan.query.map(([name, value]) => [name, value.replace(loneSurrogate, "\uFFFD")]));
  const search = query.toString();
  const url = `${path}${target.kind === "page" ? target.form.query : ""}${search ? (target.kind === "page" && target.form.query ? "&" : "?") + search : ""}`;
  const method = plan.methodOverride ?? (target.kind === "api" ? target.method : target.form.method);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(plan.headers)) if (value !== undefined) headers[name] = headerSafe(value);
  const token = credential(plan.caller, fixtures, plan);
  const isApi = url.startsWith("/api/");
  if (token !== undefined) {
    if (isApi || plan.caller === "wrong token") {
      const { scheme, hostile } = plan.authorization;
      headers["Authorization"] = headerSafe(
        scheme === "bearer"
          ? `Bearer ${token}`
          : scheme === "lower"
            ? `bearer ${token}`
            : scheme === "basic"
              ? `Basic ${Buffer.from(`x:${token}`).toString("base64")}`
              : scheme === "bare"
                ? token
                : scheme === "padded"
                  ? `Bearer   ${token}\t`
                  : `Bearer ${hostile}`,
      );
    }
    if (!isApi) {
      // Pages read the credential from their cookie, as a browser sends it.
      const cookie = plan.caller === "applicant" || plan.caller === "other applicant" ? "access" : "staff_session";
      const value = plan.caller === "wrong token" ? encodeURIComponent(token.replace(loneSurrogate, "\uFFFD")) : token;
      headers["Cookie"] = [headers["Cookie"], `${cookie}=${value}`].filter(Boolean).join("; ");
      if (plan.caller === "wrong token")
        headers["Cookie"] += `; access=${encodeURIComponent(token.replace(loneSurrogate, "\uFFFD"))}`;
    }
  }
  if (!isApi && plan.sameOrigin !== "none") headers["Sec-Fetch-Site"] = plan.sameOrigin;

  let body: BodyInit | undefined;
  let shownBody: string | undefined;
  if (plan.body && "text" in plan.body) {
    body = plan.body.text;
    shownBody = plan.body.text;
    if (plan.body.contentType !== undefined) headers["Content-Type"] = headerSafe(plan.body.contentType);
  } else if (plan.body) {
    if (plan.body.multipart) {
      const form = new FormData();
      for (const [name, value] of plan.body.form) form.append(name, value);
      if (plan.body.file)
        form.append(plan.body.file, new Blob(["%PDF-1.4 hostile"], { type: "application/pdf" }), "../../x.pdf");
      body = form;
      shownBody = `multipart ${JSON.stringify(plan.body.form)}${plan.body.file ? ` + file ${plan.body.file}` : ""}`;
    } else {
      const text = new URLSearchParams(
        plan.body.form.map(([name, value]) => [name, value.replace(loneSurrogate, "\uFFFD")]),
      ).toString();
      body = text;
      shownBody = text;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
  }
  if (method === "GET" || method === "HEAD") body = undefined;
  return {
    method,
    url,
    init: { headers, ...(body === undefined ? {} : { body }) },
    route: `${method} ${template}`,
    shown: {
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, shorten(value, 80)])),
      ...(shownBody === undefined ? {} : { body: shownBody.length > 300 ? shorten(shownBody, 300) : shownBody }),
    },
  };
}

/* ----------------------------------------------------------------------------------------------------------- */

type Snapshot = Map<string, Record<string, unknown>>;

async function snapshot(): Promise<Snapshot> {
  const items = await everyItem();
  return new Map(items.map((item) => [`${String(item["pk"])} ${String(item["sk"])}`, item]));
}

/**
 * Items a refused request may change, each for a reason:
 * - rate-limit windows: a window counts every attempt, refused or not; counting attempts is what a rate
 *   limit is for.
 * - audit events of type `viewed`: who read an application's content is on record (`Review.view`), and a
 *   refused staff form post still reads it (a 422 shows the application again with the errors; a score is
 *   checked against the application it reads first). Only added `viewed` events pass, nothing else in the trail.
 * - an outbox item that existed before the request and moved on only in its delivery: where a sender runs
 *   (the bench's platform reads the table's stream), it delivers emails that earlier, accepted requests queued,
 *   at any moment. A refused request that queued a new email, or touched one in any other way, still counts.
 */
const mayChangeOnRefusal = (key: string, item: Record<string, unknown>) =>
  key.startsWith(Dynamo.rateWindowPrefix) ||
  (key.includes(" EVENT#") && (item["type"] === "viewed" || item["type"] === sessionEndedEvent));

/**
 * The third wrong step-up code from a session ends it: the session goes, with an audit event saying why. That is
 * the refusal's point, so a session that already held two wrong codes may go, and nothing else.
 */
const sessionEndedEvent = "session_ended_wrong_codes";
const mayEndOnRefusal = (key: string, item: Record<string, unknown>) =>
  key.endsWith(" SESSION") && Number(item["stepUpFailures"] ?? 0) >= 2;

const deliveryFields = new Set([
  "status",
  "claimedAt",
  "sentAt",
  "attempts",
  "nextAttemptAt",
  "lastError",
  "sealed",
  "gsi1pk",
  "gsi1sk",
  "expiresAt",
]);

/** What refusing a wrong TOTP code writes on the account (`Auth.newRecoveryCodes`, sign-in). */
const secondFactorCount = new Set(["totpFailures", "totpLockedAt"]);

function differences(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [key, item] of after) {
    if (mayChangeOnRefusal(key, item)) continue;
    const old = before.get(key);
    if (!old) changed.push(`added ${key}`);
    else if (!isDeepStrictEqual(old, item)) {
      const fields = Object.keys({ ...old, ...item }).filter((name) => !isDeepStrictEqual(old[name], item[name]));
      if (key.startsWith(Dynamo.outboxPrefix) && fields.every((name) => deliveryFields.has(name))) continue;
      // A wrong second-factor code is counted, and enough of them lock it: that write is the refusal's point.
      if (key.endsWith(" USER") && fields.every((name) => secondFactorCount.has(name))) continue;
      // A wrong step-up code counts against the session that sent it (three end it), never against the account.
      if (key.endsWith(" SESSION") && fields.every((name) => name === "stepUpFailures")) continue;
      changed.push(`changed ${key} (${fields.join(", ")})`);
    }
  }
  for (const [key, item] of before)
    if (!after.has(key) && !mayChangeOnRefusal(key, item) && !mayEndOnRefusal(key, item))
      changed.push(`removed ${key}`);
  return changed;
}

/** RFC 9457's members, as the published Problem schema has them. */
function problemShapeError(method: string, status: number, contentType: string, text: string): string | undefined {
  if (!contentType.startsWith("application/problem+json")) return `Content-Type ${contentType || "(none)"}`;
  if (method === "HEAD") return undefined; // the headers of a GET, and no body
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return "body is not JSON";
  }
  for (const name of ["type", "title", "detail", "code"]) {
    if (typeof body[name] !== "string") return `member ${name} is not a string`;
  }
  if (body["status"] !== status) return `member status ${String(body["status"])} is not the answer's ${status}`;
  return undefined;
}

async function runPlans(
  targets: Target[],
  fixtures: Fixtures,
  plans: Plan[],
  onProgress?: (done: number) => void,
): Promise<Totals> {
  const totals: Totals = {
    sent: 0,
    byStatus: {},
    serverErrors: 0,
    notProblem: 0,
    pageNotHtml: 0,
    changedOnRejection: 0,
    findings: [],
  };
  const found = new Map<string, Finding>();
  const note = (category: Category, built: Built, status: number, detail: string, caller: Caller) => {
    const key = `${category} ${built.route} ${status}`;
    const known = found.get(key);
    if (known) {
      known.count++;
      return;
    }
    found.set(key, {
      category,
      route: built.route,
      status,
      count: 1,
      example: { caller, method: built.method, url: built.url, ...built.shown },
      detail,
    });
  };

  let before = await snapshot();
  for (const plan of plans) {
    const target = targets[plan.target]!;
    const built = build(plan, target, fixtures);
    const response = await send(built.method, built.url, built.init);
    const text = await response.text();
    totals.sent++;
    const status = response.status;
    totals.byStatus[status] = (totals.byStatus[status] ?? 0) + 1;
    const pathname = new URL(built.url, "http://localhost").pathname;
    const contentType = response.headers.get("Content-Type") ?? "";

    if (status >= 500) {
      totals.serverErrors++;
      note("5xx", built, status, shorten(visibleText(text), 160), plan.caller);
    }
    if (status >= 400) {
      if (pathname.startsWith("/api/")) {
        const wrong = problemShapeError(built.method, status, contentType, text);
        if (wrong) {
          totals.notProblem++;
          note("not a problem", built, status, wrong, plan.caller);
        }
      } else if (!contentType.startsWith("text/html")) {
        totals.pageNotHtml++;
        note("page error not HTML", built, status, `Content-Type ${contentType || "(none)"}`, plan.caller);
      }
      const after = await snapshot();
      const changed = differences(before, after);
      if (changed.length > 0) {
        totals.changedOnRejection++;
        note("changed stored data", built, status, changed.slice(0, 5).join("; "), plan.caller);
      }
      before = after;
    } else {
      // Accepted: it may change what it likes, and may have used a fixture up.
      if (built.method !== "GET" || pathname === "/staff/totp") await heal(fixtures);
      before = await snapshot();
    }
    onProgress?.(totals.sent);
  }
  totals.findings = [...found.values()].sort((a, b) => a.category.localeCompare(b.category) || b.count - a.count);
  return totals;
}

/** A finding as a person reads it in a test failure or the bench's output. */
export function describeFinding(finding: Finding): string {
  const { example } = finding;
  return [
    `${finding.category}: ${finding.route} answered ${finding.status} (${finding.count}x) — ${finding.detail}`,
    `    e.g. as ${example.caller}: ${example.method} ${example.url}`,
    `    headers ${JSON.stringify(example.headers)}`,
    ...(example.body === undefined ? [] : [`    body ${JSON.stringify(example.body)}`]),
  ].join("\n");
}
