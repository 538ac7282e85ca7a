// How every Graph error is classified decides what the merchant sees and what the platform does next:
// "reconnect" (invalid_token), "wait" (rate_limited), "retry" (transient), or give up (permission, bad_request).
import { describe, expect, it } from "vitest";
import { classifyGraphError, InstagramError, TOKEN_PROBLEM_TEXT } from "../../app/instagram/errors";
import { retryAfterMs, usagePercent } from "../../app/instagram/usage";

const PREFIX = "Error validating access token: ";
const EXPIRED = `${PREFIX}Session has expired on Monday, 01-Dec-25 11:00:00 PST. The current time is Tuesday, 02-Dec-25 09:00:55 PST.`;
const PASSWORD = `${PREFIX}The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.`;
const REMOVED = `${PREFIX}The user has not authorized application 990602627938098.`;
const GARBAGE = "Invalid OAuth access token - Cannot parse access token";

describe("classifyGraphError: code 190 means only a new login helps", () => {
  it.each([
    [463, EXPIRED, "expired"],
    [460, PASSWORD, "password_changed"],
    [458, REMOVED, "permission_removed"],
    [467, `${PREFIX}Invalid access token.`, "invalid"],
    [undefined, GARBAGE, "invalid"],
  ] as const)("subcode %s → invalid_token / %s", (subcode, message, problem) => {
    const error = classifyGraphError(400, { code: 190, error_subcode: subcode, message });
    expect(error).toBeInstanceOf(InstagramError);
    expect(error.kind).toBe("invalid_token");
    expect(error.details).toMatchObject({ status: 400, code: 190, subcode, tokenProblem: problem });
    expect(error.message).toBe(TOKEN_PROBLEM_TEXT[problem]);
  });

  it("uses the subcode even when the message is missing", () => {
    expect(classifyGraphError(400, { code: 190, error_subcode: 463 }).details.tokenProblem).toBe("expired");
    expect(classifyGraphError(400, { code: 190, error_subcode: 460 }).details.tokenProblem).toBe("password_changed");
    expect(classifyGraphError(400, { code: 190, error_subcode: 458 }).details.tokenProblem).toBe("permission_removed");
    expect(classifyGraphError(400, { code: 190 }).details.tokenProblem).toBe("invalid");
  });

  it.each([
    [EXPIRED, "expired"],
    [PASSWORD, "password_changed"],
    [REMOVED, "permission_removed"],
    [GARBAGE, "invalid"],
  ] as const)("subcode 0 or absent: reads the problem from the message (%#)", (message, problem) => {
    // Real 2025 reply: {"code":190,"error_subcode":0,"message":"…Session has expired on…"}
    for (const subcode of [0, undefined]) {
      const error = classifyGraphError(400, { code: 190, error_subcode: subcode, message });
      expect(error.kind).toBe("invalid_token");
      expect(error.details.tokenProblem).toBe(problem);
    }
  });

  it("is invalid_token whatever the HTTP status or is_transient say", () => {
    expect(classifyGraphError(500, { code: 190, error_subcode: 463, is_transient: true, message: EXPIRED }).kind).toBe(
      "invalid_token",
    );
  });

  it("explains the problem to the merchant without repeating Meta's raw text", () => {
    const error = classifyGraphError(400, { code: 190, error_subcode: 458, message: REMOVED });
    expect(error.message).not.toContain("990602627938098");
    expect(error.message).not.toContain("Error validating");
  });
});

describe("classifyGraphError: throttling", () => {
  it.each([4, 17, 32, 613, 80001, 80002, 80006, 80014])(
    "code %i → rate_limited, keeping the wait Meta asked for",
    (code) => {
      const error = classifyGraphError(
        400,
        { code, message: `(#${code}) Application request limit reached`, is_transient: true },
        19 * 60_000,
      );
      expect(error.kind).toBe("rate_limited");
      expect(error.details.retryAfterMs).toBe(19 * 60_000);
      expect(error.details.code).toBe(code);
    },
  );

  it("rate_limited without a known wait leaves retryAfterMs undefined", () => {
    const error = classifyGraphError(403, { code: 4, message: "(#4) Application request limit reached" });
    expect(error.kind).toBe("rate_limited");
    expect(error.details.retryAfterMs).toBeUndefined();
  });
});

describe("classifyGraphError: permissions", () => {
  it.each([10, 200, 210, 299])("code %i → permission", (code) => {
    const error = classifyGraphError(400, {
      code,
      message: `(#${code}) Application does not have permission for this action`,
    });
    expect(error.kind).toBe("permission");
    expect(error.details.retryAfterMs).toBeUndefined();
  });

  it("codes next to the permission range are not permission errors", () => {
    expect(classifyGraphError(400, { code: 199, message: "x" }).kind).toBe("bad_request");
    expect(classifyGraphError(400, { code: 300, message: "x" }).kind).toBe("bad_request");
  });
});

describe("classifyGraphError: temporary problems are retried", () => {
  it.each([
    ["code 1", 400, { code: 1, message: "An unknown error occurred" }],
    ["code 2", 400, { code: 2, message: "Please retry your request later." }],
    ["is_transient", 400, { code: 100, message: "(#100) Something odd", is_transient: true }],
    ["HTTP 500", 500, { code: 100, message: "(#100) Something odd" }],
    ["HTTP 503 without code", 503, { message: "Service Unavailable" }],
  ] as const)("%s → transient", (_label, status, body) => {
    expect(classifyGraphError(status, body).kind).toBe("transient");
  });
});

describe("classifyGraphError: everything else is a bad request", () => {
  it.each([
    [100, "(#100) Tried accessing nonexisting field (foo) on node type (IGUser)"],
    [2500, "Unknown path components: /x"],
    [9005, "copyright check only eligible to video media type"],
  ])("code %i → bad_request, with Meta's message for the operator", (code, message) => {
    const error = classifyGraphError(400, { code, message, is_transient: false });
    expect(error.kind).toBe("bad_request");
    expect(error.message).toContain(message);
  });

  it("an error without code or message is still a bad_request, not a crash", () => {
    const error = classifyGraphError(400, {});
    expect(error.kind).toBe("bad_request");
    expect(error.details.code).toBe(0);
  });
});

const headers = (values: Record<string, string>) => new Headers(values);

describe("usagePercent (X-App-Usage)", () => {
  it("reads the documented call_count/total_time shape: the highest counter wins", () => {
    expect(usagePercent(headers({ "x-app-usage": '{"call_count":28,"total_time":25,"total_cputime":25}' }))).toBe(28);
    expect(usagePercent(headers({ "x-app-usage": '{"call_count":2,"total_cputime":0,"total_time":81}' }))).toBe(81);
  });

  it("reads the 2025 call_volume/cpu_time shape", () => {
    expect(usagePercent(headers({ "x-app-usage": '{"call_volume":12,"cpu_time":40}' }))).toBe(40);
    expect(usagePercent(headers({ "x-app-usage": '{"call_volume":0,"cpu_time":0}' }))).toBe(0);
  });

  it.each([
    ["absent", undefined],
    ["empty", ""],
    ["not JSON", "call_count=28"],
    ["truncated JSON", '{"call_count":28,'],
    ["a number", "28"],
    ["null", "null"],
    ["an array", "[28, 30]"],
    ["no numeric counters", '{"call_count":"28","note":"x"}'],
  ])("a garbage header (%s) → undefined, never an exception", (_label, value) => {
    expect(usagePercent(headers(value === undefined ? {} : { "x-app-usage": value }))).toBeUndefined();
  });
});

describe("retryAfterMs (X-Business-Use-Case-Usage)", () => {
  it("turns estimated_time_to_regain_access minutes into milliseconds", () => {
    const value =
      '{"17841400000000001":[{"type":"instagram","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]}';
    expect(retryAfterMs(headers({ "x-business-use-case-usage": value }))).toBe(19 * 60_000);
  });

  it("takes the longest wait across every business object and entry", () => {
    const value = JSON.stringify({
      "17841400000000001": [
        { type: "instagram", estimated_time_to_regain_access: 3 },
        { type: "pages", estimated_time_to_regain_access: 7 },
      ],
      "17841400000000002": [{ type: "instagram", estimated_time_to_regain_access: 1 }],
    });
    expect(retryAfterMs(headers({ "x-business-use-case-usage": value }))).toBe(7 * 60_000);
  });

  it("no wait (0 or missing minutes) → undefined", () => {
    expect(
      retryAfterMs(
        headers({ "x-business-use-case-usage": '{"1":[{"type":"instagram","estimated_time_to_regain_access":0}]}' }),
      ),
    ).toBeUndefined();
    expect(
      retryAfterMs(headers({ "x-business-use-case-usage": '{"1":[{"type":"instagram","call_count":90}]}' })),
    ).toBeUndefined();
  });

  it.each([undefined, "", "nineteen", '{"1":"x"}', '{"1":[{"estimated_time_to_regain_access":"19"}]}', "[19]", "null"])(
    "a garbage header (%s) → undefined",
    (value) => {
      expect(retryAfterMs(headers(value === undefined ? {} : { "x-business-use-case-usage": value }))).toBeUndefined();
    },
  );

  it("ignores X-App-Usage: only the business use case header says how long to wait", () => {
    expect(
      retryAfterMs(headers({ "x-app-usage": '{"call_count":100,"estimated_time_to_regain_access":5}' })),
    ).toBeUndefined();
  });
});
