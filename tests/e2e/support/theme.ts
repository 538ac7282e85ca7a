// The sandbox theme's Instagram feed blocks, placed without the stand-in theme editor: for tests about
// something else that need the Storefront preview to show a feed. The theme editor saves the same cookie
// (app/sandbox/sandbox-theme.ts), which is what the Storefront preview and App Bridge's stand-in read.
import type { BrowserContext } from "playwright-core";
import { SANDBOX_THEME_COOKIE, type ThemeBlock } from "../../../app/sandbox/sandbox-theme";

/** Saves `blocks` as the theme of the sandbox at `origin`, for every page of `context`. */
export async function placeFeedBlocks(context: BrowserContext, origin: string, blocks: ThemeBlock[]): Promise<void> {
  const value = encodeURIComponent(JSON.stringify(blocks));
  await context.addCookies([{ name: SANDBOX_THEME_COOKIE, value, url: origin, sameSite: "Lax" }]);
}
