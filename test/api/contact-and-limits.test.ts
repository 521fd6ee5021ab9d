import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import * as Contact from "@amparo/core/contact";
import * as Dynamo from "@amparo/core/dynamo";
import { logger } from "@amparo/core/log";
import * as RateLimit from "@amparo/core/rate-limit";
import * as Stage from "@amparo/core/stage";
import { app as apply, handler } from "@amparo/functions/apply/index";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, confirmContact, emergencyAnswers, inbox, uniqueEmail } from "../support/applications.js";
import { staff, submittedEmergency } from "../support/clock.js";
import { everyItem, postForm } from "../support/http.js";

// The limits' tests run on a call of their own, with the shipped defaults or lower, so the raised limits the
// other tests run under (test/support/file-setup.ts) and their applications do not blur what is counted here.
const LIMITED = "limits-own-call";
/** The per-call limit's own call: nothing else starts applications on it. */
const BURST = "limits-burst-call";
const shipped = { LIMIT_CALL_PER_HOUR: 5000, LIMIT_SOURCE_PER_HOUR: 60 };
const raised = {
  LIMIT_CALL_PER_HOUR: Config.get().LIMIT_CALL_PER_HOUR,
  LIMIT_SOURCE_PER_HOUR: Config.get().LIMIT_SOURCE_PER_HOUR,
};

beforeAll(async () => {
  const emergency = await Call.get("digital-emergency");
  const contact = {
    en: "Signal +00 000 000 (day and night)",
    es: "Signal +00 000 000 (día y noche)",
    pt: "Signal +00 000 000 (dia e noite)",
  };
  await Call.createIfMissing(Call.Info.parse({ ...emergency, id: LIMITED, contact }));
  await Call.createIfMissing(Call.Info.parse({ ...emergency, id: BURST }));
});

afterEach(() => {
  Config.set(raised);
  Clock.reset();
  vi.restoreAllMocks();
});

/** Starts an application on the limited call, as if API Gateway saw it come from `sourceIp`. */
function createFrom(sourceIp: string, headers: Record<string, string> = {}, callId = LIMITED) {
  return apply.request(
    "/api/v1/applications",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ callId, language: "es", eligibility: { answers: emergencyAnswers } }),
    },
    { event: { requestContext: { http: { sourceIp } } } },
  );
}

/** The mails an address received whose text says there is an update (not the confirmation). */
const updates = async (email: string) =>
  (await inbox(email)).filter((mail) => mail.body.text?.includes("Hay una novedad para usted"));
const confirmations = async (email: string) =>
  (await inbox(email)).filter((mail) => mail.body.text?.includes("/apply/contact?token="));

describe("a contact address nobody confirmed", () => {
  it("gets one confirmation email and no update, however many applications name it and are submitted", async () => {
    const stranger = uniqueEmail();
    for (let round = 0; round < 3; round++) await submittedEmergency(stranger, { confirm: false });
    expect(await confirmations(stranger)).toHaveLength(1);
    expect(await updates(stranger)).toEqual([]);
    // The confirmation says nothing about any application: a link, and that nothing else will come.
    const [mail] = await confirmations(stranger);
    expect(mail!.subject).toBe("Novedad");
    expect(mail!.body.text).not.toMatch(/emergencia|Teléfonos|digital-emergency/);
  });

  it("gets one confirmation when several applications name it at the same moment", async () => {
    const stranger = uniqueEmail();
    const started = await Promise.all(Array.from({ length: 5 }, () => applicantStart(stranger)));
    expect(started).toHaveLength(5);
    expect(await confirmations(stranger)).toHaveLength(1);
  });

  it("gets a second confirmation only after 30 days", async () => {
    const stranger = uniqueEmail();
    await submittedEmergency(stranger, { confirm: false });
    Clock.advance(29 * 86_400_000);
    await submittedEmergency(stranger, { confirm: false });
    expect(await confirmations(stranger)).toHaveLength(1);
    Clock.advance(2 * 86_400_000);
    await submittedEmergency(stranger, { confirm: false });
    expect(await confirmations(stranger)).toHaveLength(2);
  });

  it("shows the applicant everything on the status page, and says plainly a confirmation was already sent", async () => {
    const email = uniqueEmail();
    const first = await applicantStart(email);
    expect((await view(first)).contact).toEqual({ status: "confirmation_sent" });
    const second = await applicantStart(email);
    expect((await view(second)).contact).toEqual({ status: "confirmation_sent_recently" });
    const page = await apply.request("/apply/my", { headers: { Cookie: `access=${second.token}; lang=es` } });
    expect(await page.text()).toContain("Ya se envió un correo para confirmar esta dirección en los últimos 30 días");
  });
});

async function applicantStart(email: string) {
  const response = await apply.request("/api/v1/applications", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      callId: "digital-emergency",
      language: "es",
      eligibility: { answers: emergencyAnswers },
      contact: { email },
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; token: string };
}

/** A coordinator moves a submitted application to review and declines it: the applicant is emailed an update. */
async function decline(app: Application.Info) {
  const coordinator = await staff("coordinator");
  const { version } = await Stage.transition(coordinator, app.id, { to: "in_review", version: app.version });
  await Stage.transition(coordinator, app.id, { to: "declined", version, note: "Fuera del alcance." });
}

async function view(created: { id: string; token: string }) {
  const response = await applicantRequest("GET", `/api/v1/applications/${created.id}`, created.token);
  return (await response.json()) as Application.View;
}

describe("confirming a contact address", () => {
  it("takes one button on a page without JavaScript, and then updates reach the address", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email, { confirm: false });
    const token = /token=([A-Za-z0-9_-]{43})/.exec((await confirmations(email))[0]!.body.text!)![1]!;
    const page = await apply.request(`/apply/contact?token=${token}&lang=pt`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Confirmar o meu endereço");
    expect(html).not.toContain("<script");
    // Opening the link confirms nothing (mail scanners open links); the button does.
    expect(await Contact.mayEmail(app)).toBe(false);
    const done = await postForm("/apply/contact", [["token", token]]);
    expect(done.status).toBe(200);
    expect(await Contact.mayEmail(app)).toBe(true);
    await decline(app);
    expect(await updates(email)).toHaveLength(1);
  });

  it("does not count a confirmation given for an earlier application, nor tell whoever typed the address of it", async () => {
    const email = uniqueEmail();
    const first = await applicantStart(email);
    await confirmContact(email);
    expect((await view(first)).contact).toEqual({ status: "confirmed" });
    // Someone else names the same address: they learn only that a confirmation went out recently.
    const second = await applicantStart(email);
    expect((await view(second)).contact).toEqual({ status: "confirmation_sent_recently" });
    // Its owner follows the link again: the later application is confirmed too.
    await confirmContact(email);
    expect((await view(second)).contact).toEqual({ status: "confirmed" });
    expect(await confirmations(email)).toHaveLength(1);
  });

  it("answers 200 to POST /api/v1/contact/confirm, and 404 to an unknown token", async () => {
    const email = uniqueEmail();
    await applicantStart(email);
    await confirmContact(email);
    const unknown = await apply.request("/api/v1/contact/confirm", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: "A".repeat(43) }),
    });
    expect(unknown.status).toBe(404);
  });

  it("counts the contacts of applications submitted before confirmation existed as confirmed", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email, { confirm: false });
    // As such an application is stored: no check on the item, no record for the address.
    await Dynamo.update(Dynamo.Key.application(app.id), { remove: ["contactCheck"] });
    for (const item of await everyItem()) {
      if (String(item["pk"]).startsWith(Dynamo.contactPrefix)) {
        await Dynamo.remove({ pk: String(item["pk"]), sk: String(item["sk"]) });
      }
    }
    await decline(app);
    expect(await updates(email)).toHaveLength(1);
  });
});

describe("email to one applicant address", () => {
  it("is limited per day across every application that names it", async () => {
    Config.set({ LIMIT_APPLICANT_MAIL_PER_DAY: 3 });
    const email = uniqueEmail();
    await applicantStart(email);
    await confirmContact(email);
    for (let round = 0; round < 5; round++) await submittedEmergency(email);
    // The confirmation and two updates: the day's three.
    expect(await inbox(email)).toHaveLength(3);
    Clock.advance(2 * 86_400_000);
    await submittedEmergency(email);
    expect(await inbox(email)).toHaveLength(4);
  });
});

describe("starting applications", () => {
  it("refuses a source past LIMIT_SOURCE_PER_HOUR with a 429 problem and Retry-After, and lets others through", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 3 });
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt++) answers.push(await createFrom("198.51.100.7"));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 429]);
    const refused = answers[3]!;
    expect(refused.headers.get("Content-Type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await createFrom("198.51.100.8")).status).toBe(201);
  });

  it("never trusts X-Forwarded-For without a proxy setting, and keys IPv6 by its /64", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 2 });
    const forged = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      forged.push((await createFrom("203.0.113.9", { "X-Forwarded-For": `192.0.2.${attempt}` })).status);
    }
    expect(forged).toEqual([201, 201, 429]);
    expect((await createFrom("2001:db8:1:2::1")).status).toBe(201);
    expect((await createFrom("2001:db8:1:2:ffff:ffff:ffff:ffff")).status).toBe(201);
    expect((await createFrom("2001:db8:1:2:abcd::9")).status).toBe(429);
    expect((await createFrom("2001:db8:1:3::1")).status).toBe(201);
    expect(RateLimit.sourceOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(RateLimit.sourceOf("2001:DB8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
  });

  it("reads the client's address from X-Forwarded-For only as far as TRUSTED_PROXY_HOPS says", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 1, TRUSTED_PROXY_HOPS: 1 });
    try {
      expect((await createFrom("10.0.0.1", { "X-Forwarded-For": "1.1.1.1, 192.0.2.50" })).status).toBe(201);
      expect((await createFrom("10.0.0.1", { "X-Forwarded-For": "9.9.9.9, 192.0.2.50" })).status).toBe(429);
      expect((await createFrom("10.0.0.1", { "X-Forwarded-For": "192.0.2.51" })).status).toBe(201);
    } finally {
      Config.set({ TRUSTED_PROXY_HOPS: 0 });
    }
  });

  it("slides its window: a burst at the end of one hour is still counted just after it", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 4 });
    const hour = 3_600_000;
    Clock.set(new Date(Math.ceil(Clock.nowMs() / hour) * hour + 10 * hour - 60_000));
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await createFrom("198.51.100.20")).status);
    Clock.advance(2 * 60_000); // a fixed window would start from zero here
    statuses.push((await createFrom("198.51.100.20")).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
    Clock.advance(hour);
    expect((await createFrom("198.51.100.20")).status).toBe(201);
  });

  it("refuses past LIMIT_CALL_PER_HOUR whatever the source, and logs it for the fund's alarm with no address", async () => {
    Config.set({ ...shipped, LIMIT_CALL_PER_HOUR: 3 });
    const warnings: unknown[][] = [];
    vi.spyOn(logger, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args));
    const statuses = [];
    for (let source = 1; source <= 4; source++) {
      statuses.push((await createFrom(`192.0.2.${100 + source}`, {}, BURST)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(warnings).toEqual([[RateLimit.callLimitMessage, { callId: BURST, limit: "call_per_hour" }]]);
    expect(JSON.stringify(warnings)).not.toContain("192.0.2");
  });

  it("keeps only a keyed hash of a source, under a key that changes every hour, and the local sweep removes it", async () => {
    Config.set({ ...shipped });
    Clock.set(new Date(Date.UTC(2027, 5, 5, 10, 30)));
    await createFrom("198.51.100.77");
    Clock.advance(3_600_000);
    await createFrom("198.51.100.77");
    const window = Math.floor(Clock.nowMs() / 3_600_000);
    const names = [window - 1, window].map(
      (each) => Dynamo.Key.rateWindow(RateLimit.source("198.51.100.77")(each), each).pk,
    );
    const sources = (await everyItem()).filter((item) => String(item["pk"]).includes("source:"));
    // Both hours' windows are there, under names that share nothing, and no item spells the address.
    expect(sources.map((item) => item["pk"])).toEqual(expect.arrayContaining(names));
    expect(names[0]!.split("#")[1]).not.toBe(names[1]!.split("#")[1]);
    expect(JSON.stringify(sources)).not.toContain("198.51.100.77");
    expect(sources.every((item) => Object.keys(item).sort().join() === "count,expiresAt,pk,sk")).toBe(true);
    Clock.advance(3 * 3_600_000);
    expect(await RateLimit.sweep()).toBeGreaterThan(0);
    expect((await everyItem()).filter((item) => String(item["pk"]).startsWith(Dynamo.rateWindowPrefix))).toEqual([]);
  });

  it("answers the page's start form, over the limit, calmly in the applicant's language, keeping what they typed", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 1 });
    const form: [string, string][] = [
      ["applicant-type", "organisation"],
      ["country", "PH"],
      ["under-attack", "yes"],
      ["human-rights-work", "yes"],
      ["funded-recently", "no"],
      ["language", "es"],
      ["email", "kept@example.org"],
      ["_step", "create"],
    ];
    const env = { event: { requestContext: { http: { sourceIp: "198.51.100.99" } } } };
    const post = () =>
      apply.request(
        `/apply/${LIMITED}/start?lang=es`,
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
          body: new URLSearchParams(form).toString(),
        },
        env,
      );
    expect((await post()).status).toBe(303);
    const refused = await post();
    const html = await refused.text();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(html).toContain("Espere un momento, por favor");
    expect(html).toContain('value="kept@example.org"');
    expect(html).toContain("Signal +00 000 000 (día y noche)");
    // Someone under attack who cannot start one more application is shown where to get help now.
    expect(html).toContain("Si necesita ayuda ahora");
    expect(html).toContain('href="tel:+35312100489"');
  });
});

describe("the local listener", () => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(0);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Starts an application over a real socket from a chosen loopback address. */
  function createOverSocket(localAddress: string): Promise<number> {
    const body = JSON.stringify({ callId: LIMITED, language: "es", eligibility: { answers: emergencyAnswers } });
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/api/v1/applications",
          method: "POST",
          localAddress,
          headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.1" },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  it("counts each socket address as its own source", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 2 });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push(await createOverSocket("127.0.0.2"));
    expect(statuses).toEqual([201, 201, 429]);
    expect(await createOverSocket("127.0.0.3")).toBe(201);
  });
});

describe("the Lambda adapter", () => {
  /** A POST to start an application, as API Gateway's HTTP API (payload 2.0) gives it to the function. */
  function startEvent(sourceIp: string) {
    const path = "/api/v1/applications";
    return {
      version: "2.0",
      routeKey: "$default",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "amparo.example.org", "content-type": "application/json", "x-forwarded-for": "192.0.2.200" },
      requestContext: {
        accountId: "111111111111",
        apiId: "api",
        domainName: "amparo.example.org",
        domainPrefix: "amparo",
        http: { method: "POST", path, protocol: "HTTP/1.1", sourceIp, userAgent: "test" },
        requestId: "request",
        routeKey: "$default",
        stage: "$default",
        time: "01/Jan/2026:00:00:00 +0000",
        timeEpoch: 0,
      },
      body: JSON.stringify({ callId: LIMITED, language: "es", eligibility: { answers: emergencyAnswers } }),
      isBase64Encoded: false,
    };
  }
  const start = async (sourceIp: string) => {
    const result = (await (handler as (event: never, context: never) => Promise<unknown>)(
      startEvent(sourceIp) as never,
      {} as never,
    )) as { statusCode: number; headers: Record<string, string> };
    return result;
  };

  it("counts API Gateway's sourceIp as the source, and answers 429 with Retry-After past its limit", async () => {
    Config.set({ ...shipped, LIMIT_SOURCE_PER_HOUR: 2 });
    const statuses = [];
    for (let attempt = 0; attempt < 2; attempt++) statuses.push((await start("198.51.100.150")).statusCode);
    const refused = await start("198.51.100.150");
    expect([...statuses, refused.statusCode]).toEqual([201, 201, 429]);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await start("198.51.100.151")).statusCode).toBe(201);
  });
});
