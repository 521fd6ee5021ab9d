import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";

/**
 * The staff app (sign-in, review, admin). It holds only staff routes, so its function alone carries the
 * permissions staff need. Until those routes exist, everything under its prefixes answers 404.
 */
export const app = createApp();

export const handler = handle(app);
