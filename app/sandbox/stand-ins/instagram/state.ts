// Everything one running fake knows; handlers receive it instead of reaching for globals.
import type { FakeInstagramOptions, RecordedCall } from "./types";
import type { AccountBook } from "./accounts";
import type { CodeStore } from "./codes";
import type { FaultList } from "./faults";
import type { TokenStore } from "./tokens";

export type Settings = Required<
  Pick<FakeInstagramOptions, "replyShape" | "refreshReturnsNewToken" | "mediaUrlTtlSeconds" | "latencyMs">
>;

export const DEFAULT_MEDIA_URL_TTL_SECONDS = 4 * 24 * 60 * 60;

export interface FakeState {
  appId: string;
  appSecret: string;
  now: () => number;
  settings: Settings;
  publicOrigin: string; // known only once the server listens
  accounts: AccountBook;
  tokens: TokenStore;
  codes: CodeStore;
  faults: FaultList;
  calls: RecordedCall[];
  cdnKey: Buffer; // signs CDN links (the "oh" parameter)
  graphCallTimes: Map<string, number[]>; // per account, for the x-app-usage header
  callsPerAccount: Map<string, number>; // every Graph call ever, per account
  sandboxControls: boolean;
}
