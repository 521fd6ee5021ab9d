import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import * as Application from "@amparo/core/application";
import * as Dynamo from "@amparo/core/dynamo";
import * as Report from "@amparo/core/report";
import * as Storage from "@amparo/core/storage";
import { describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";

const DAY_MS = 86_400_000;

async function objectKeys(): Promise<string[]> {
  const listed = await (await Storage.s3()).send(new ListObjectsV2Command({ Bucket: Storage.bucketName() }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

/** A draft with an uploaded, confirmed budget file, last edited `daysAgo` days ago. */
async function draftWithUpload(daysAgo: number) {
  const { id, token } = await startApplication("digital-emergency");
  expect((await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf")).status).toBeLessThan(400);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token)).status).toBe(200);
  const editedAt = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  await Dynamo.update(Dynamo.Key.application(id), { set: { updatedAt: editedAt } });
  return { id, token };
}

/** Every stored item that mentions the application: its own partition, and anything pointing at it. */
async function itemsAbout(id: string) {
  return (await everyItem()).filter((item) => JSON.stringify(item).includes(id));
}

describe("abandoned drafts", () => {
  it("are deleted after the call's draft retention, with their access code, events and uploads", async () => {
    const before = await objectKeys();
    const abandoned = await draftWithUpload(31);
    const abandonedObjects = (await objectKeys()).filter((key) => !before.includes(key));
    expect(abandonedObjects.length).toBeGreaterThan(0);
    const recent = await draftWithUpload(29);
    const kept = await objectKeys();

    expect(await Application.sweepAbandonedDrafts()).toBe(1);

    expect(await itemsAbout(abandoned.id)).toEqual([]);
    expect((await applicantRequest("GET", `/api/v1/applications/${abandoned.id}`, abandoned.token)).status).toBe(404);
    expect(await objectKeys()).toEqual(kept.filter((key) => !abandonedObjects.includes(key)));
    expect((await applicantRequest("GET", `/api/v1/applications/${recent.id}`, recent.token)).status).toBe(200);
  });

  it("leave submitted applications alone, however old", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our phones were seized.", need: "New phones.", timeline: "Soon." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 1_000,
      annualBudget: 0,
      months: 1,
    });
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const longAgo = new Date(Date.now() - 400 * DAY_MS).toISOString();
    await Dynamo.update(Dynamo.Key.application(id), { set: { updatedAt: longAgo } });

    await Application.sweepAbandonedDrafts();

    expect((await applicantRequest("GET", `/api/v1/applications/${id}`, token)).status).toBe(200);
  });

  it("are never counted: starting applications changes no counter, submitting one does", async () => {
    const year = new Date().getUTCFullYear();
    const before = await Report.counters("digital-emergency", year);
    await startApplication("digital-emergency");
    await startApplication("digital-emergency");
    expect(await Report.counters("digital-emergency", year)).toEqual(before);
  });
});
