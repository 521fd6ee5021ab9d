import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";
import { mountStaffApi } from "./api.js";
import { mountStaffPages } from "./routes.js";

/**
 * The staff app: sign-in, review, coordination, administration. Its own function, so only it holds the
 * permissions staff work needs.
 */
export const app = createApp();

mountStaffPages(app);
mountStaffApi(app);

export const handler = handle(app);
