import * as Deadline from "@amparo/core/deadline";

/** The decision clock's first step ("Read the clock"): what is next for this application, and when. */
export async function handler(event: unknown): Promise<Deadline.Output> {
  return Deadline.clock(Deadline.Input.parse(event));
}
