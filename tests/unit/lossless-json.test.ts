// Instagram sends the app-scoped user id as a bare 17-digit JSON number. If it were rounded, the account
// we store would not match the one Meta's deauthorize/data-deletion callbacks name, so the parser must keep
// every digit while leaving everything else exactly as JSON.parse would.
import { describe, expect, it } from "vitest";
import { parseJsonKeepingBigIntegers as parse } from "../../app/instagram/lossless-json";

describe("parseJsonKeepingBigIntegers", () => {
  it("keeps the observed token reply's 17-digit user_id exactly (JSON.parse would round it)", () => {
    const text = '{"access_token":"IGAAabc","user_id":27640875392278831,"permissions":["instagram_business_basic"]}';
    expect(String((JSON.parse(text) as { user_id: number }).user_id)).not.toBe("27640875392278831"); // the problem
    expect(parse(text)).toEqual({
      access_token: "IGAAabc",
      user_id: "27640875392278831",
      permissions: ["instagram_business_basic"],
    });
  });

  it("keeps 16-digit integers above 2^53 and very long integers exactly", () => {
    expect(parse("[9007199254740993]")).toEqual(["9007199254740993"]);
    expect(parse("[123456789012345678901234567890]")).toEqual(["123456789012345678901234567890"]);
    expect(parse("[-27640875392278831]")).toEqual(["-27640875392278831"]);
  });

  it("leaves safe integers as numbers, including the largest safe one", () => {
    expect(parse('{"expires_in":5183944,"count":0,"max":9007199254740991,"min":-9007199254740991}')).toEqual({
      expires_in: 5183944,
      count: 0,
      max: Number.MAX_SAFE_INTEGER,
      min: -Number.MAX_SAFE_INTEGER,
    });
  });

  it("never touches digits inside strings, including after escaped quotes and backslashes", () => {
    const text = String.raw`{"a":"27640875392278831","b":"say \"27640875392278831\" twice","c":"ends with \\","d":27640875392278833}`;
    expect(parse(text)).toEqual({
      a: "27640875392278831",
      b: 'say "27640875392278831" twice',
      c: "ends with \\",
      d: "27640875392278833",
    });
  });

  it("keeps a string that looks like a big number next to a real big number apart", () => {
    expect(parse('["17841477965412211",17841477965412211]')).toEqual(["17841477965412211", "17841477965412211"]);
    expect(parse('{"27640875392278831":27640875392278831}')).toEqual({ "27640875392278831": "27640875392278831" });
  });

  it("parses floats, negatives and exponents the way JSON.parse does", () => {
    const text = "[1.5,-0.25,-42,1e3,2.5E-3,-1.25e+2,0,-0,12345678901234567890.5]";
    expect(parse(text)).toEqual(JSON.parse(text));
  });

  it("handles nested arrays and objects, with whitespace", () => {
    const text = `{
      "data": [ { "id": 17918195224117851, "children": { "data": [ { "id": 17895695668004550 } ] } } ],
      "paging": { "cursors": { "after": "QVFIU" } }, "ok": true, "none": null, "small": [1, [2, [3]]]
    }`;
    expect(parse(text)).toEqual({
      data: [{ id: "17918195224117851", children: { data: [{ id: "17895695668004550" }] } }],
      paging: { cursors: { after: "QVFIU" } },
      ok: true,
      none: null,
      small: [1, [2, [3]]],
    });
  });

  it("keeps unicode text untouched", () => {
    expect(parse('{"caption":"Café ☕ 12345678901234567 🎉","n":1}')).toEqual({
      caption: "Café ☕ 12345678901234567 🎉",
      n: 1,
    });
  });

  it("still throws on invalid JSON (truncated replies, HTML error pages, stray tokens)", () => {
    for (const text of [
      '{"user_id":27640875392278831',
      '{"access_token":"IGAA',
      "<html>Bad Gateway</html>",
      "",
      "[1,]",
      "[01]",
      "{'a':1}",
      "[27640875392278831 1]",
    ]) {
      expect(() => parse(text), text).toThrow(SyntaxError);
    }
  });
});
