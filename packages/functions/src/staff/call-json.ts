// Where a syntax error is in an imported call configuration: JSON.parse says whether text is JSON, not always
// where it is not.
/**
 * The offset of the first syntax error in `text` read as strict JSON (RFC 8259), or undefined if it has none.
 * JSON.parse says whether text is JSON, but on Node 20 not always where it is not ("Unexpected token ']'"),
 * so this small scanner finds the place.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < " ") fail();
      if (char === '"') return void at++;
      if (char === "\\") {
        at++;
        const escape = text[at];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) {
            at++;
            fail();
          }
          at += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at++;
        else fail();
      } else at++;
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === "{") {
      at++;
      space();
      if (text[at] === "}") return void at++;
      for (;;) {
        space();
        string();
        space();
        expect(":");
        value();
        space();
        if (text[at] === ",") at++;
        else return expect("}");
      }
    }
    if (char === "[") {
      at++;
      space();
      if (text[at] === "]") return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ",") at++;
        else return expect("]");
      }
    }
    if (char === '"') return string();
    if (char === "t") return expect("true");
    if (char === "f") return expect("false");
    if (char === "n") return expect("null");
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!number) fail();
    at += number![0].length;
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch {
    // A Stop, or a RangeError from nesting deeper than the stack: either way, the text goes wrong about here.
    return Math.min(at, text.length);
  }
}

/** Line and column (both from 1) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
