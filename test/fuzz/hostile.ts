import fc from "fast-check";

/**
 * The hostile values the fuzzer plants: what an attacker, a broken client or an unusual script sends.
 * Each list is small on purpose; fast-check mixes them with its own random strings and numbers.
 */

/**
 * JSON text written into a body as it stands, so a body can carry what `JSON.stringify` cannot: numbers such
 * as 1e309 and -0, and nesting deeper than a serialiser's stack.
 */
export class RawNumber {
  constructor(readonly text: string) {}
}

export const hostileStrings: string[] = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\uD800", // a lone high surrogate
  "\uDC00x", // a lone low surrogate
  "x\uDBFF",
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u05E9\u05DC\u05D5\u05DD", // RTL mark and Hebrew
  "\u0645\u0631\u062D\u0628\u0627", // Arabic
  "\u200B\u200C\u200D\uFEFF", // zero-width characters and a byte-order mark
  "e\u0301\u0301\u0301\u0301", // combining marks
  "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // a family emoji (ZWJ sequence)
  "\u00A0\u2028\u2029", // no-break space and line/paragraph separators
  "\uFFFD\uFFFF",
  "Ｆｕｌｌｗｉｄｔｈ",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "' OR '1'='1",
  "1; DROP TABLE applications; --",
  '{"$gt": ""}',
  "$where",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "..\\..\\windows\\win.ini",
  "/",
  "%00",
  "%",
  "%zz",
  "a\r\nSet-Cookie: hacked=1",
  "a\r\nLocation: https://evil.example",
  "\r\n\r\n<html>",
  "#fragment",
  "?q=1&x=2",
  "APP#x",
  "CALL#digital-emergency",
  "USER#admin",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x1F",
  "12,000",
  "1.5",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "digital-emergency",
  "concept-notes-2026",
  "en",
  "es",
  "pt",
  "Bearer x",
  "a".repeat(257),
  "ñ".repeat(5000),
];

export const hostileNumbers: (number | RawNumber)[] = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  new RawNumber("-0"),
  new RawNumber("1e309"),
  new RawNumber("-1e309"),
  new RawNumber("1e-400"),
  new RawNumber("9007199254740993"),
  new RawNumber("123456789012345678901234567890123456789"),
  new RawNumber("1.0"),
  new RawNumber("1E2"),
];

/** Strings: the hostile list, fast-check's unicode and lone-surrogate strings, and both glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 8 }))
      .map(([hostile, plain]) => plain + hostile + plain),
  },
);

export const hostileNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Any JSON value at all, shallow: for the wrong type in a leaf. */
export const anyLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
);

/** An object whose own keys are the prototype's names: `JSON.parse` makes them own keys, as a server sees them. */
export const prototypeKeys: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), anyLeaf)
  .map(([key, value]) => {
    // An own property, as `JSON.parse` makes it, not the object's prototype.
    const object: Record<string, unknown> = {};
    const planted = key === "__proto__" ? { polluted: true, isAdmin: true } : value;
    Object.defineProperty(object, key, { value: planted, enumerable: true, writable: true, configurable: true });
    return object;
  });

/** Serialises a generated value to JSON text, writing `RawNumber`s as they are. */
export function toJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // NaN, Infinity: not JSON
  return JSON.stringify(value);
}

const deep = (depth: number, open: string, close: string, middle = "1") =>
  open.repeat(depth) + middle + close.repeat(depth);

/** Whole bodies that are hostile as text: malformed, huge, deep, or not JSON at all. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "{",
    "{not json",
    "null",
    "true",
    "0",
    "-0",
    "1e309",
    '"a string"',
    "[]",
    "[1,2,3]",
    "{}",
    '{"a":1,"a":2}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    "\uFEFF{}",
    '{"x":"\\ud800"}',
    '{"x":"\u0000"}',
    "{'single':'quotes'}",
    "NaN",
    "<xml/>",
    "a=1&b=2",
    deep(100_000, "[", "]"),
    deep(10_000, '{"a":', "}"),
    deep(2_000, '{"answers":', "}", "{}"),
    `{"x":"${"a".repeat(70 * 1024)}"}`,
    `[${"1,".repeat(40_000)}1]`,
  ),
  fc.string({ unit: "binary", maxLength: 200 }),
);
