import { Document, Spectral } from "@stoplight/spectral-core";
import * as Parsers from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import { describe, expect, it } from "vitest";
import { app as apply } from "@amparo/functions/apply/index";
import { app as docs } from "@amparo/functions/docs/index";
import { app as report } from "@amparo/functions/report/index";
import { app as staff } from "@amparo/functions/staff/index";
import * as Config from "@amparo/core/config";
import { generatedDescription } from "@amparo/functions/docs/description";
import { checkAgainstContract, describedOperation } from "../support/contract.js";

type Description = {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: object }> }>>;
};

async function published(): Promise<Description> {
  const response = await docs.request("/api/v1/openapi.json");
  expect(response.status).toBe(200);
  return (await response.json()) as Description;
}

/** Every JSON API route the audiences' apps answer, as `METHOD /path/{param}`. */
function answeredRoutes(): string[] {
  const routes = [apply, staff, report].flatMap((app) =>
    app.routes
      .filter((route) => route.path.startsWith("/api/") && route.method !== "ALL")
      .filter((route) => route.path !== "/api/v1/openapi.json")
      .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`),
  );
  return [...new Set(routes)].sort();
}

describe("the published API description", () => {
  it("describes every route the apps answer, each with an operation id and a schema for every JSON answer", async () => {
    const description = await published();
    const routes = answeredRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const operation = description.paths[path]?.[method.toLowerCase()];
      expect(operation, route).toBeDefined();
      expect(operation!.operationId, route).toMatch(/^[a-z][A-Za-z]+$/);
      for (const [status, answer] of Object.entries(operation!.responses)) {
        if (status === "204") continue;
        expect(answer.content, `${route} ${status}`).toBeDefined();
        for (const media of Object.values(answer.content!)) {
          expect((media as { schema?: unknown }).schema, `${route} ${status}`).toBeDefined();
        }
      }
    }
    // And nothing is described that no app answers.
    const described = Object.entries(description.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes);
  });

  it("is served as the code generates it (after changing the API, `npm run openapi` rewrites it)", async () => {
    const served = (await published()) as Description & { servers?: { url: string }[] };
    const { servers, ...rest } = served;
    expect(servers).toEqual([{ url: Config.get().PUBLIC_URL, description: "This deployment" }]);
    expect(`${JSON.stringify(rest, null, 2)}\n`, "run `npm run openapi`").toBe(generatedDescription());
  });

  it("passes Spectral's OpenAPI ruleset with no errors and no warnings", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, "recommended"]] } as never);
    const results = await spectral.run(new Document(JSON.stringify(await published()), Parsers.Json));
    const problems = results
      .filter((result) => result.severity <= 1)
      .map((result) => `${result.code} at ${result.path.join(".")}: ${result.message}`);
    expect(problems).toEqual([]);
  });

  it("holds the public calls routes to their schemas, answers and problems alike", async () => {
    for (const path of [
      "/api/v1/calls",
      "/api/v1/calls?lang=pt",
      "/api/v1/calls/concept-notes-2026?lang=es",
      "/api/v1/calls/digital-emergency",
      "/api/v1/calls/no-such-call",
    ]) {
      await checkAgainstContract("GET", path, await apply.request(path));
    }
    const quiz = "/api/v1/calls/digital-emergency/eligibility";
    for (const body of [{ answers: { country: "CO" } }, { answers: { "no-such-question": 1 } }, "{not json"]) {
      const response = await apply.request(quiz, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      await checkAgainstContract("POST", quiz, response);
    }
  });

  it("notices an answer its description does not promise", async () => {
    const bogus = new Response(JSON.stringify({ calls: "not a list" }), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
    await expect(checkAgainstContract("GET", "/api/v1/calls", bogus)).rejects.toThrow(/does not match its schema/);
    const teapot = new Response("{}", { status: 418, headers: { "Content-Type": "application/json" } });
    await expect(checkAgainstContract("GET", "/api/v1/calls", teapot)).rejects.toThrow(/does not list/);
    expect(describedOperation("GET", "/api/v1/nowhere")).toBeUndefined();
  });
});
