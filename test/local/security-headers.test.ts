import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as applyHandler } from "@amparo/functions/apply/index";
import { handler as reportHandler } from "@amparo/functions/report/index";
import { handler as staffHandler } from "@amparo/functions/staff/index";
import { stylesheetPath } from "../../packages/functions/src/shared/pages.js";
import { listen, type Listening } from "../../packages/local/src/server.js";

// The headers are set by the apps' shared middleware; what matters is that they survive the way each runtime
// turns an app's answer into bytes: the Node server locally, the Lambda adapter in AWS. So each is asked for real.

let server: Listening;
beforeAll(async () => {
  server = await listen(0);
});
afterAll(() => server.close());

/** A page, the public API, a staff page and API, the report app, and refusals of each kind. */
const paths = [
  "/",
  "/apply/digital-emergency",
  "/api/v1/calls",
  "/api/v1/calls/no-such-call",
  "/apply/no-such-page",
  "/staff",
  "/api/v1/review/queue",
  "/api/v1/reports/pipeline",
];

/** Every header the shared middleware promises, with no caching unless a route chose its own. */
function expectSecurityHeaders(headers: Headers, cacheControl = "no-store") {
  expect({
    csp: headers.get("content-security-policy"),
    referrer: headers.get("referrer-policy"),
    cache: headers.get("cache-control"),
    frame: headers.get("x-frame-options"),
    sniff: headers.get("x-content-type-options"),
    hsts: headers.get("strict-transport-security"),
    opener: headers.get("cross-origin-opener-policy"),
  }).toEqual({
    csp: expect.stringMatching(/^default-src 'none'; style-src 'self';.*frame-ancestors 'none'; base-uri 'none'/),
    referrer: "no-referrer",
    cache: cacheControl,
    frame: "DENY",
    sniff: "nosniff",
    hsts: expect.stringMatching(/^max-age=\d+/),
    opener: "same-origin",
  });
}

describe("security headers over the local listener", () => {
  it("come with every answer, compressed or not, page or API, found or refused", async () => {
    for (const path of paths) {
      for (const encoding of ["gzip, deflate, br", "identity"]) {
        const response = await fetch(`${server.url}${path}`, {
          headers: { "Accept-Encoding": encoding },
          redirect: "manual",
        });
        await response.arrayBuffer();
        expect.soft(response.status, path).toBeLessThan(500);
        expectSecurityHeaders(response.headers);
      }
    }
  });

  it("keep the stylesheet's own long caching, with the rest of the headers", async () => {
    const response = await fetch(`${server.url}${stylesheetPath}`, { headers: { "Accept-Encoding": "gzip" } });
    await response.arrayBuffer();
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expectSecurityHeaders(response.headers, "public, max-age=31536000, immutable");
  });
});

/** An API Gateway HTTP API (payload 2.0) event for a GET, as a function receives it. */
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

type LambdaHandler = (event: never, context: never) => Promise<unknown>;
type LambdaResult = { statusCode: number; headers: Record<string, string> };

describe("security headers through the Lambda adapter", () => {
  it("come with every answer of each function, compressed or not", async () => {
    const functions: [string[], LambdaHandler][] = [
      [["/", "/apply/digital-emergency", "/api/v1/calls", "/api/v1/calls/no-such-call"], applyHandler as LambdaHandler],
      [["/staff", "/api/v1/review/queue"], staffHandler as LambdaHandler],
      [["/api/v1/reports/pipeline"], reportHandler as LambdaHandler],
    ];
    for (const [functionPaths, handler] of functions) {
      for (const path of functionPaths) {
        for (const encoding of ["gzip", "identity"]) {
          const result = (await handler(
            httpApiEvent(path, { "accept-encoding": encoding }) as never,
            {} as never,
          )) as LambdaResult;
          expect.soft(result.statusCode, path).toBeLessThan(500);
          expectSecurityHeaders(new Headers(result.headers));
        }
      }
    }
  });
});
