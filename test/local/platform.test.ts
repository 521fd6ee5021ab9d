import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as Call from "@amparo/core/call";
import { start } from "../../packages/local/src/platform.js";

const dataDir = mkdtempSync(join(tmpdir(), "amparo-platform-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the local platform (npm start)", () => {
  it("starts its own stand-ins, seeds once, serves every app from the route table, and keeps data across restarts", async () => {
    const first = await start({ dataDir, port: 0 });
    try {
      expect(first.seeded).toEqual({ calls: 2, users: 5 });
      expect(first.url).toMatch(/^http:\/\/localhost:\d+$/);

      const calls = (await (await fetch(`${first.url}/api/v1/calls`)).json()) as { calls: { id: string }[] };
      expect(calls.calls.map((call) => call.id)).toEqual(["digital-emergency", "concept-notes-2026"]);

      // Prefixes owned by the staff and report apps reach those apps: both ask for a session.
      const staffApi = await fetch(`${first.url}/api/v1/review/queue`);
      expect(staffApi.status).toBe(401);
      expect(staffApi.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const staffPage = await fetch(`${first.url}/staff`);
      expect(await staffPage.text()).toContain('action="/staff/sign-in/request"');
      const report = await fetch(`${first.url}/api/v1/reports/pipeline`);
      expect(report.status).toBe(401);
      expect(report.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const reportPage = await fetch(`${first.url}/staff/reports`, { redirect: "manual" });
      expect([reportPage.status, reportPage.headers.get("location")]).toEqual([303, "/staff"]);

      // Everything the platform keeps on disk is readable by its owner only.
      const open = readdirSync(dataDir, { recursive: true, withFileTypes: true })
        .map((entry) => join(entry.parentPath, entry.name))
        .concat(dataDir)
        .filter((path) => (statSync(path).mode & 0o077) !== 0);
      expect(open).toEqual([]);

      // An admin's change must survive a restart, and seeding must not undo it.
      const emergency = await Call.get("digital-emergency");
      await Call.put({ ...emergency, decisionDays: 10, escalationDays: 8 });
    } finally {
      await first.stop();
    }
    await expect(fetch(`${first.url}/`)).rejects.toThrow();

    const second = await start({ dataDir, port: 0 });
    try {
      expect(second.seeded).toEqual({ calls: 0, users: 0 });
      const call = (await (await fetch(`${second.url}/api/v1/calls/digital-emergency`)).json()) as {
        decisionDays: number;
      };
      expect(call.decisionDays).toBe(10);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
