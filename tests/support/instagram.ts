import { afterAll, beforeAll } from "vitest";
import { now } from "../../app/clock.server";
import { resetConfigForTests } from "../../app/config.server";
import {
  startFakeInstagram,
  type FakeInstagram,
  type FakeInstagramOptions,
} from "../../app/sandbox/stand-ins/instagram/index";

/** Starts the fake Instagram for this test file, on the app's clock, and points the app at it. */
export function useFakeInstagram(options: Partial<FakeInstagramOptions> = {}): { readonly fake: FakeInstagram } {
  const holder = {} as { fake: FakeInstagram };
  beforeAll(async () => {
    holder.fake = await startFakeInstagram({
      appId: process.env.INSTAGRAM_APP_ID!,
      appSecret: process.env.INSTAGRAM_APP_SECRET!,
      now: () => now().getTime(),
      ...options,
    });
    process.env.INSTAGRAM_BASE_URL = holder.fake.origin;
    resetConfigForTests();
  });
  afterAll(async () => {
    await holder.fake?.close();
  });
  return holder;
}
