import { Logger } from "@aws-lambda-powertools/logger";
import * as Config from "../config/index.js";

/**
 * The structured logger. What goes in it must never identify a person: no IP address, user agent, email
 * address, token or application content. Log ids and codes only.
 */
export const logger = new Logger({
  serviceName: "amparo",
  logLevel: Config.get().LOG_LEVEL,
});
