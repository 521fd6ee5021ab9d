import { afterEach, describe, expect, it } from "vitest";
import * as Call from "../call/index.js";
import * as Config from "../config/index.js";
import { conceptNotes2026 } from "../seed/calls.js";
import * as Retention from "./index.js";

const grant = Call.Info.parse(conceptNotes2026);
const at = "2026-11-10T12:00:00.000Z";
const days = (n: number) => new Date(Date.parse(at) + n * 86_400_000);

afterEach(() => {
  Config.set({ TIME_SCALE: 1 });
});

describe("when an application's content is due to be deleted", () => {
  it("is the call's retention period after a decline or a withdrawal, and the longer one after an approval", () => {
    expect(grant.approvedRetentionDays).toBe(3650);
    const decided = (outcome: "approved" | "declined") => ({ outcome, decidedAt: at });
    expect(Retention.dueAt({ stage: "declined", decision: decided("declined"), updatedAt: at }, grant)).toEqual(
      days(365),
    );
    expect(Retention.dueAt({ stage: "withdrawn", withdrawnAt: at, updatedAt: at }, grant)).toEqual(days(365));
    expect(Retention.dueAt({ stage: "approved", decision: decided("approved"), updatedAt: at }, grant)).toEqual(
      days(3650),
    );
  });

  it("is never while the application is a draft or waits for a decision", () => {
    for (const stage of ["draft", "submitted", "in_review", "more_info", "shortlisted"] as const) {
      expect(Retention.dueAt({ stage, updatedAt: at }, grant)).toBeUndefined();
    }
  });

  it("follows the scaled day of TIME_SCALE, like the decision clock, and so does the sweep's interval", () => {
    Config.set({ TIME_SCALE: 86_400 });
    expect(Retention.dueAt({ stage: "withdrawn", withdrawnAt: at, updatedAt: at }, grant)).toEqual(
      new Date(Date.parse(at) + 365_000),
    );
    expect(Retention.sweepEveryMs()).toBe(1_000);
  });
});
