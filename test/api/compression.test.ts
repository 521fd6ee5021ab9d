import { gunzipSync } from "node:zlib";
import { app as apply, handler } from "@amparo/functions/apply/index";
import { stylesheetPath } from "../../packages/functions/src/shared/pages.js";
import { app as staffApp } from "@amparo/functions/staff/index";
import { describe, expect, it } from "vitest";
import { postForm } from "../support/http.js";
import * as Auth from "@amparo/core/auth";
import { emergencyAnswers } from "../support/applications.js";
import { emailedToken, staffAccount } from "../support/staff.js";

const gzip = { "Accept-Encoding": "gzip, deflate, br" };

/** The bytes as they would cross the wire: `app.request` hands back the body undecoded, as a server sends it. */
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** Asks twice, with and without gzip, and checks the compressed answer is the plain one, gzipped. */
async function compressedAndPlain(ask: (headers: Record<string, string>) => Response | Promise<Response>) {
  const compressed = await ask(gzip);
  const plain = await ask({});
  expect(compressed.status).toBe(plain.status);
  expect(compressed.headers.get("content-encoding")).toBe("gzip");
  expect(compressed.headers.get("vary")).toMatch(/accept-encoding/i);
  expect(compressed.headers.get("content-length")).toBeNull();
  expect(compressed.headers.get("content-type")).toBe(plain.headers.get("content-type"));
  expect(plain.headers.get("content-encoding")).toBeNull();
  const plainBytes = await bytesOf(plain);
  const compressedBytes = await bytesOf(compressed);
  expect(gunzipSync(compressedBytes).equals(plainBytes)).toBe(true);
  expect(compressedBytes.length).toBeLessThan(plainBytes.length);
  return { compressed, plain, plainBytes };
}

/** An API Gateway HTTP API (payload 2.0) event for a GET, as the applicants' function receives it. */
function httpApiEvent(path: string, headers: Record<string, string>) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "amparo.example.org", ...headers },
    requestContext: {
      accountId: "111111111111",
      apiId: "api",
      domainName: "amparo.example.org",
      domainPrefix: "amparo",
      http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
      requestId: "request",
      routeKey: "$default",
      stage: "$default",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

type LambdaResult = { statusCode: number; body: string; isBase64Encoded: boolean; headers: Record<string, string> };
const invoke = async (path: string, headers: Record<string, string>) =>
  (await handler(httpApiEvent(path, headers) as never, {} as never)) as LambdaResult;

describe("compressed answers", () => {
  it("gzips a page for a client that accepts it, and the page decompresses to the very same bytes", async () => {
    const { plainBytes } = await compressedAndPlain((headers) =>
      apply.request("/apply/concept-notes-2026", { headers }),
    );
    expect(plainBytes.toString("utf8")).toMatch(/^<!doctype html>/);
  });

  it("gzips the stylesheet and keeps its long caching", async () => {
    const { compressed } = await compressedAndPlain((headers) => apply.request(stylesheetPath, { headers }));
    expect(compressed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("gzips JSON from the API", async () => {
    const { plainBytes } = await compressedAndPlain((headers) => apply.request("/api/v1/calls", { headers }));
    expect(JSON.parse(plainBytes.toString("utf8"))).toHaveProperty("calls");
  });

  it("gzips a problem+json refusal without changing its status, type or text", async () => {
    const { compressed, plainBytes } = await compressedAndPlain((headers) =>
      apply.request("/api/v1/calls/no-such-call", { headers }),
    );
    expect(compressed.status).toBe(404);
    expect(compressed.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(plainBytes.toString("utf8"))).toMatchObject({ status: 404 });
  });

  it("sends a page uncompressed to a client that does not ask for compression, or refuses it", async () => {
    const asked: Record<string, string>[] = [{}, { "Accept-Encoding": "identity" }, { "Accept-Encoding": "gzip;q=0" }];
    for (const headers of asked) {
      const response = await apply.request("/apply/concept-notes-2026", { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBeNull();
      // It could have been compressed: a cache must not give a gzipped copy to a client that did not ask.
      expect(response.headers.get("vary")).toMatch(/accept-encoding/i);
      expect((await bytesOf(response)).toString("utf8")).toMatch(/^<!doctype html>/);
    }
  });
});

describe("answers that show a secret are never compressed", () => {
  const uncompressed = (response: Response) => {
    expect(response.headers.get("content-encoding")).toBeNull();
    return response;
  };

  it("the access code page, when it shows the code made by the start and when it shows it again", async () => {
    const created = uncompressed(
      await postForm(
        "/apply/digital-emergency/start",
        [
          ["applicant-type", "organisation"],
          ["country", "PH"],
          ["under-attack", "yes"],
          ["human-rights-work", "yes"],
          ["funded-recently", "no"],
          ["_step", "create"],
          ["language", "en"],
          ["email", ""],
        ],
        gzip,
      ),
    );
    expect(created.status).toBe(303);
    const cookies = created.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    const first = uncompressed(await apply.request("/apply/my/code", { headers: { ...gzip, Cookie: cookies } }));
    const code = /<p class="code"[^>]*><strong>([^<]+)<\/strong>/.exec(await first.text())?.[1];
    expect(code).toBeTruthy();
    const again = uncompressed(await apply.request("/apply/my/code", { headers: { ...gzip, Cookie: cookies } }));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(code!);
    // Only the answers with the code: the application's own page, which does not show it, is compressed.
    const overview = await apply.request("/apply/my", { headers: { ...gzip, Cookie: cookies } });
    expect(overview.status).toBe(200);
    expect(overview.headers.get("content-encoding")).toBe("gzip");
  });

  it("the API's answer that carries a new application's access code", async () => {
    const created = uncompressed(
      await apply.request("/api/v1/applications", {
        method: "POST",
        headers: { ...gzip, "Content-Type": "application/json" },
        body: JSON.stringify({
          callId: "digital-emergency",
          language: "en",
          eligibility: { answers: emergencyAnswers },
        }),
      }),
    );
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toBeTruthy();
    const read = await apply.request(`/api/v1/applications/${id}`, {
      headers: { ...gzip, Authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-encoding")).toBe("gzip");
  });

  it("the staff sign-in link page, the session answers and the TOTP enrolment, as a page and in the API", async () => {
    const admin = await staffAccount(["admin"], []);
    const token = await emailedToken(admin.email);
    const link = uncompressed(await staffApp.request(`/staff/sign-in/link?token=${token}`, { headers: gzip }));
    expect(await link.text()).toContain(token);

    const staffJson = (path: string, session?: string, body: unknown = {}) =>
      staffApp.request(path, {
        method: "POST",
        headers: {
          ...gzip,
          "Content-Type": "application/json",
          ...(session ? { Authorization: `Bearer ${session}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const verified = uncompressed(await staffJson("/api/v1/auth/verify", undefined, { token }));
    const { session } = (await verified.json()) as { session: string };
    expect(session).toBeTruthy();

    const page = uncompressed(
      await staffApp.request("/staff/totp", { headers: { ...gzip, Cookie: `staff_session=${session}` } }),
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<code>[A-Z2-7 ]{16,}<\/code>/);

    const enrolled = uncompressed(await staffJson("/api/v1/auth/totp/enroll", session));
    expect(enrolled.status).toBe(200);
    const { secret } = (await enrolled.json()) as { secret: string };
    expect(secret).toBeTruthy();

    const confirmed = uncompressed(
      await staffJson("/api/v1/auth/totp/confirm", session, { code: Auth.currentCode(secret) }),
    );
    expect(confirmed.status).toBe(200);
    const full = (await confirmed.json()) as { session: string };
    expect(full.session).toBeTruthy();
    // The staff pages that show no secret are compressed as usual.
    const home = await staffApp.request("/staff", { headers: { ...gzip, Cookie: `staff_session=${full.session}` } });
    expect(home.status).toBe(200);
    expect(home.headers.get("content-encoding")).toBe("gzip");
  });
});

describe("the applicants' Lambda function behind API Gateway", () => {
  it.each([
    ["the stylesheet", stylesheetPath],
    ["a call page", "/apply/digital-emergency"],
  ])("returns %s gzipped and base64-encoded, the same bytes as an uncompressed answer", async (_what, path) => {
    const compressed = await invoke(path, { "accept-encoding": "gzip, deflate, br" });
    const plain = await invoke(path, {});
    expect(compressed.statusCode).toBe(200);
    expect(compressed.isBase64Encoded).toBe(true);
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers["vary"]).toMatch(/accept-encoding/i);
    expect(plain.isBase64Encoded).toBe(false);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const body = gunzipSync(Buffer.from(compressed.body, "base64"));
    expect(body.toString("utf8")).toBe(plain.body);
  });
});
