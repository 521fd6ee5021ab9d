import { describe, expect, it } from "vitest";
import { appFor } from "./index.js";

describe("route table", () => {
  it.each([
    ["/", "apply"],
    ["/apply/digital-emergency/eligibility", "apply"],
    ["/api/v1/calls/digital-emergency", "apply"],
    ["/api/v1/applications/abc/submit", "apply"],
    ["/staff", "staff"],
    ["/staff/review", "staff"],
    ["/api/v1/auth/verify", "staff"],
    ["/api/v1/admin/calls/x", "staff"],
    ["/reports/pipeline", "report"],
    ["/api/v1/reports/pipeline.csv", "report"],
    ["/staff/reports", "report"],
    ["/staff/reports/pipeline.csv", "report"],
  ])("sends %s to the %s app", (path, app) => {
    expect(appFor(path)).toBe(app);
  });

  it("matches prefixes on whole path segments only", () => {
    expect(appFor("/staffing")).toBe("apply");
    expect(appFor("/reportsx")).toBe("apply");
    expect(appFor("/staff/reportsx")).toBe("staff");
  });
});
