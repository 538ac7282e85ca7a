// Whether the merchant has put the Instagram feed block on their theme, and on which templates, read
// from App Bridge's app.extensions() (the published theme); and the deep link that opens the theme
// editor ready to add it.
import { useEffect, useState } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";

export const THEME_EXTENSION_HANDLE = "social-feed";
export const FEED_BLOCK_HANDLE = "instagram-feed";

export type Placement = "added" | "not_added" | "unknown";

interface ThemeActivation {
  handle?: string;
  target?: string;
  status?: string;
  /** Where it is placed on the published theme: { target: the template, themeId }. */
  activations?: unknown[];
}
interface ExtensionInfo {
  handle: string;
  type: string;
  activations?: ThemeActivation[];
}
type AppApi = { extensions?: () => Promise<ExtensionInfo[]> };

export function blockPlacement(extensions: ExtensionInfo[]): Placement {
  const extension = extensions.find(
    (candidate) => candidate.handle === THEME_EXTENSION_HANDLE && candidate.type === "theme_app_extension",
  );
  const block = extension?.activations?.find((activation) => activation.handle === FEED_BLOCK_HANDLE);
  if (!block) return "unknown";
  return block.status === "active" || (block.activations?.length ?? 0) > 0 ? "added" : "not_added";
}

const TEMPLATE_NAMES: Record<string, string> = {
  index: "Home page",
  product: "Product pages",
  collection: "Collection pages",
  "list-collections": "Collections list",
  page: "Pages",
  blog: "Blog",
  article: "Blog posts",
  cart: "Cart",
  search: "Search",
  "404": "Page not found",
};

/** The templates the block is on, in the merchant's words ("template:index" or "templates/index.json" → "Home page"). */
export function blockTemplates(extensions: ExtensionInfo[]): string[] {
  const extension = extensions.find(
    (candidate) => candidate.handle === THEME_EXTENSION_HANDLE && candidate.type === "theme_app_extension",
  );
  const block = extension?.activations?.find((activation) => activation.handle === FEED_BLOCK_HANDLE);
  const targets = (block?.activations ?? []).map((placement) => (placement as { target?: unknown }).target);
  const names = targets.map((target) => {
    const template = (typeof target === "string" ? target : "")
      .replace(/^(templates?[:/]|template--)/, "")
      .replace(/\.json$/, "");
    const [kind = "", suffix] = template.split(".");
    const name = TEMPLATE_NAMES[kind] ?? kind;
    return suffix ? `${name} (${suffix})` : name;
  });
  return [...new Set(names.filter(Boolean))];
}

export interface ThemeBlock {
  placement: Placement;
  templates: string[];
}

/** Where the feed block is on the published theme, from App Bridge (the admin knows; our server doesn't). */
export function useThemeBlock(): ThemeBlock {
  const shopify = useAppBridge();
  const [block, setBlock] = useState<ThemeBlock>({ placement: "unknown", templates: [] });
  useEffect(() => {
    const app = (shopify as unknown as { app?: AppApi }).app;
    app?.extensions?.().then(
      (extensions) => setBlock({ placement: blockPlacement(extensions), templates: blockTemplates(extensions) }),
      () => setBlock({ placement: "unknown", templates: [] }),
    );
  }, [shopify]);
  return block;
}

export function addBlockUrl(shop: string, apiKey: string): string {
  const query = new URLSearchParams({
    template: "index",
    addAppBlockId: `${apiKey}/${FEED_BLOCK_HANDLE}`,
    target: "newAppsSection",
  });
  return `https://${shop}/admin/themes/current/editor?${query}`;
}
