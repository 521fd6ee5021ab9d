import { z } from "zod";
import { describe, expect, it } from "vitest";
import { CorruptItemError, parseStored } from "./stored.js";

describe("reading stored items", () => {
  it("treats an item that no longer matches its schema as our fault, not a client's bad input", () => {
    expect(() => parseStored(z.object({ id: z.string() }), { name: "old shape" }, "user")).toThrow(CorruptItemError);
    expect(() => parseStored(z.object({ id: z.string() }), { name: "old shape" }, "user")).not.toThrow(z.ZodError);
    expect(parseStored(z.object({ id: z.string() }), { id: "u1" }, "user")).toEqual({ id: "u1" });
  });
});
