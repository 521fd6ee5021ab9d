import { app as apply } from "@amparo/functions/apply/index";
import { app as report } from "@amparo/functions/report/index";
import { app as staff } from "@amparo/functions/staff/index";
import { describe, expect, it } from "vitest";
import { notPages, shots } from "../../scripts/screenshot-pages.js";

/** Every GET route of the three apps outside the JSON API, as the apps declare them. */
const pageRoutes = [
  ...new Set(
    [apply, staff, report].flatMap((app) =>
      app.routes
        .filter((route) => route.method === "GET" && !route.path.startsWith("/api/"))
        .map((route) => route.path),
    ),
  ),
];

describe("npm run screenshots", () => {
  it("photographs every page route of every app, or says why a route is not a page", () => {
    const covered = new Set(shots.flatMap((shot) => shot.covers));
    expect(pageRoutes.filter((path) => !covered.has(path) && !(path in notPages))).toEqual([]);
  });

  it("names no route that no app serves any more, and gives every picture its own name", () => {
    const named = [...shots.flatMap((shot) => shot.covers), ...Object.keys(notPages)];
    expect(named.filter((path) => !pageRoutes.includes(path))).toEqual([]);
    const names = shots.map((shot) => `${shot.audience}-${shot.name}`);
    expect(names.length).toBe(new Set(names).size);
  });
});
