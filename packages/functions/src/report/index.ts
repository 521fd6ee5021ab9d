import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";

/**
 * The reports app (funders, coordinators). Its function reads counters only, never application content.
 * Until its routes exist, everything under its prefixes answers 404.
 */
export const app = createApp();

export const handler = handle(app);
