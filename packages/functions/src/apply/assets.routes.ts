import { createArea } from "../shared/app.js";
import { stylesheetPath } from "../shared/pages.js";
import { siteCss } from "../shared/site-css.js";

/** The site's one stylesheet, for every audience's pages: versioned in its path, so cached for good. */
export const assetRoutes = createArea();

assetRoutes.get(stylesheetPath, (c) =>
  c.body(siteCss, 200, {
    "Content-Type": "text/css; charset=utf-8",
    "Cache-Control": "public, max-age=31536000, immutable",
  }),
);
