// Every way a call to Instagram can fail, as a value the rest of the app can act on.
// Messages are written for merchants and operators; they never contain a token or a URL.

export type InstagramErrorKind =
  | "invalid_token" // code 190: expired, revoked, password changed — only a new login fixes it
  | "permission" // the account did not grant what the call needs
  | "rate_limited" // codes 4, 17, 32, 613, 80001–80014: wait and retry
  | "transient" // 5xx, timeouts, network failures, malformed replies: retry
  | "bad_request"; // anything else Instagram refused: retrying the same call will not help

export type TokenProblem = "expired" | "password_changed" | "permission_removed" | "invalid";

export class InstagramError extends Error {
  override name = "InstagramError";
  constructor(
    readonly kind: InstagramErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: number;
      subcode?: number;
      tokenProblem?: TokenProblem;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
  }
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBusinessUseCaseLimit = (code: number) => code >= 80000 && code < 80100;
const isPermissionCode = (code: number) => code === 10 || (code >= 200 && code < 300);

export interface GraphErrorBody {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

export function classifyGraphError(status: number, error: GraphErrorBody, retryAfterMs?: number): InstagramError {
  const code = error.code ?? 0;
  const subcode = error.error_subcode;
  const remote = error.message ?? "no message";
  const details = { status, code, subcode };
  if (code === 190) {
    const tokenProblem = tokenProblemOf(subcode, remote);
    return new InstagramError("invalid_token", TOKEN_PROBLEM_TEXT[tokenProblem], { ...details, tokenProblem });
  }
  if (RATE_LIMIT_CODES.has(code) || isBusinessUseCaseLimit(code)) {
    return new InstagramError("rate_limited", "Instagram asked us to slow down; we will try again shortly.", {
      ...details,
      retryAfterMs,
    });
  }
  if (isPermissionCode(code)) {
    return new InstagramError(
      "permission",
      `Instagram refused: the account did not grant the permission needed (${remote}).`,
      details,
    );
  }
  if (error.is_transient || code === 1 || code === 2 || status >= 500) {
    return new InstagramError("transient", "Instagram had a temporary problem; we will try again.", details);
  }
  return new InstagramError("bad_request", `Instagram refused the request: ${remote}`, details);
}

function tokenProblemOf(subcode: number | undefined, message: string): TokenProblem {
  if (subcode === 463 || /session has expired/i.test(message)) return "expired";
  if (subcode === 460 || /changed (their|the) password/i.test(message)) return "password_changed";
  if (subcode === 458 || /has not authorized application/i.test(message)) return "permission_removed";
  return "invalid";
}

export const TOKEN_PROBLEM_TEXT: Record<TokenProblem, string> = {
  expired: "The Instagram connection expired.",
  password_changed: "The Instagram password was changed, which ended the connection.",
  permission_removed: "The app's access was removed in Instagram's settings.",
  invalid: "Instagram no longer accepts this connection.",
};
