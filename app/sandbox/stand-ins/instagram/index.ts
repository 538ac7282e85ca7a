// Entry point: a faithful HTTP fake of Meta's "Instagram API with Instagram Login" for tests and the sandbox.
// The behaviour it imitates is summed up in app/README.md ("Instagram facts the code relies on").
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { FakeAccount, FakeInstagram, FakeInstagramOptions } from "./types";
import type { FakeState } from "./state";
import { DEFAULT_MEDIA_URL_TTL_SECONDS } from "./state";
import { AccountBook, createAccount } from "./accounts";
import { CodeStore } from "./codes";
import { FaultList } from "./faults";
import { TokenStore } from "./tokens";
import { approve } from "./oauth";
import { handle } from "./router";

export { CHECKS_AND_RENEWALS, TRANSIENT_FAULT } from "./sandbox-controls";
export type {
  FakeAccount,
  FakeAccountSpec,
  FakeInstagram,
  FakeInstagramOptions,
  FakeMedia,
  FaultReply,
  RecordedCall,
  RevokeReason,
} from "./types";

function createState(options: FakeInstagramOptions): FakeState {
  const now = options.now ?? Date.now;
  return {
    appId: options.appId,
    appSecret: options.appSecret,
    now,
    settings: {
      replyShape: options.replyShape ?? "observed",
      refreshReturnsNewToken: options.refreshReturnsNewToken ?? false,
      mediaUrlTtlSeconds: options.mediaUrlTtlSeconds ?? DEFAULT_MEDIA_URL_TTL_SECONDS,
      latencyMs: options.latencyMs ?? 0,
    },
    publicOrigin: options.publicOrigin ?? "",
    accounts: new AccountBook(),
    tokens: new TokenStore(now),
    codes: new CodeStore(now),
    faults: new FaultList(),
    calls: [],
    cdnKey: randomBytes(32),
    graphCallTimes: new Map(),
    callsPerAccount: new Map(),
    sandboxControls: options.sandboxControls ?? false,
  };
}

function facade(state: FakeState, origin: string, close: () => Promise<void>): FakeInstagram {
  return {
    origin,
    calls: state.calls,
    addAccount(spec): FakeAccount {
      const account = createAccount(spec, state.now());
      state.accounts.add(account);
      return account;
    },
    accounts: () => state.accounts.all(),
    authorize(username, redirectUri, oauthState) {
      return approve(state, username, { redirectUri, scopes: ["instagram_business_basic"], state: oauthState });
    },
    revoke(username, reason) {
      state.accounts.require(username);
      state.tokens.revoke(username, reason);
    },
    failNext(match, reply, times) {
      state.faults.add(match, reply, times);
    },
    failSometimes(match, reply, rate, seed = "faults") {
      return state.faults.addStanding(match, reply, rate, seed);
    },
    set(options) {
      // Later requests see the change; links and tokens already handed out keep what they were issued with.
      if (options.replyShape !== undefined) state.settings.replyShape = options.replyShape;
      if (options.refreshReturnsNewToken !== undefined)
        state.settings.refreshReturnsNewToken = options.refreshReturnsNewToken;
      if (options.mediaUrlTtlSeconds !== undefined) state.settings.mediaUrlTtlSeconds = options.mediaUrlTtlSeconds;
      if (options.latencyMs !== undefined) state.settings.latencyMs = options.latencyMs;
    },
    issueLongLivedToken(username) {
      state.accounts.require(username);
      return state.tokens.issue(username, "long").token;
    },
    callsPerAccount: () => new Map([...state.callsPerAccount]),
    issuedTokens: () => state.tokens.all(),
    tokenInfo(token) {
      const record = state.tokens.get(token);
      return (
        record && {
          username: record.username,
          kind: record.kind,
          issuedAt: record.issuedAt,
          expiresAt: record.expiresAt,
        }
      );
    },
    close,
  };
}

export async function startFakeInstagram(options: FakeInstagramOptions): Promise<FakeInstagram> {
  const state = createState(options);
  const server = createServer((req, res) => void handle(state, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.publicOrigin = (options.publicOrigin ?? origin).replace(/\/+$/, "");
  const close = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections(); // includes sockets held open by "timeout" faults
    });
  return facade(state, origin, close);
}
