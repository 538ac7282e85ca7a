// The sandbox shop's theme: the Instagram feed blocks its stand-in theme editor saved, each on a template
// with the feed chosen in its "Feed" setting. Kept in a cookie, not in the database, because it stands
// for Shopify's side: the app never reads it (App Bridge's app.extensions() stand-in reports it to the
// app, as the real admin reports the published theme), while the server-rendered Storefront preview
// needs it on the request. Browser-safe: the theme editor page, the Storefront preview and the App
// Bridge stand-in all read the same cookie.
// The theme's product template also holds the "Instagram posts for this product" block, always: it has
// no feed to choose (it shows the page's product's posts), so there is nothing of it to save, and a
// merchant adds it once; the Storefront preview renders it on every product page.
import { z } from "zod";

export const SANDBOX_THEME_COOKIE = "social_feed_sandbox_theme";

/** The templates the stand-in theme editor offers, in the theme editor's words. */
export const THEME_TEMPLATES = [
  { template: "index", label: "Home page" },
  { template: "product", label: "Product pages" },
  { template: "page", label: "Pages" },
] as const;

export type ThemeTemplate = (typeof THEME_TEMPLATES)[number]["template"];
export const ThemeTemplateName = z.enum(["index", "product", "page"]);

/**
 * A cookie holds about 4 KB; 20 blocks of a cuid each stay near 2 KB once encoded, and no storefront
 * has more feed blocks than that.
 */
export const MAX_THEME_BLOCKS = 20;

export const ThemeBlock = z.object({
  template: ThemeTemplateName,
  /** The Feed setting: a feed's id, or null when none is chosen. */
  feedId: z.string().min(1).max(64).nullable(),
});
export type ThemeBlock = z.infer<typeof ThemeBlock>;

export const ThemeBlocks = z.array(ThemeBlock).max(MAX_THEME_BLOCKS);

/** The saved blocks, from a request's Cookie header; none when absent or unreadable (a blank theme). */
export function themeBlocksFromCookie(cookieHeader: string | null | undefined): ThemeBlock[] {
  const prefix = `${SANDBOX_THEME_COOKIE}=`;
  const raw = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
  if (!raw) return [];
  try {
    const parsed = ThemeBlocks.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The Set-Cookie header that saves the blocks (readable by scripts: App Bridge's stand-in reads it). */
export function themeCookieHeader(blocks: ThemeBlock[]): string {
  const value = encodeURIComponent(JSON.stringify(ThemeBlocks.parse(blocks)));
  return `${SANDBOX_THEME_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
