// Whether the merchant has put the Instagram feed block on their theme, read from App Bridge's
// app.extensions() (the published theme), with a deep link that opens the theme editor ready to add it.
import { useEffect, useState } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";

export const THEME_EXTENSION_HANDLE = "social-feed";
export const FEED_BLOCK_HANDLE = "instagram-feed";

type Placement = "added" | "not_added" | "unknown";

interface ThemeActivation {
  handle?: string;
  target?: string;
  status?: string;
  activations?: unknown[];
}
interface ExtensionInfo {
  handle: string;
  type: string;
  activations?: ThemeActivation[];
}
type AppApi = { extensions?: () => Promise<ExtensionInfo[]> };

export function blockPlacement(extensions: ExtensionInfo[]): Placement {
  const extension = extensions.find((candidate) => candidate.handle === THEME_EXTENSION_HANDLE && candidate.type === "theme_app_extension");
  const block = extension?.activations?.find((activation) => activation.handle === FEED_BLOCK_HANDLE);
  if (!block) return "unknown";
  return block.status === "active" || (block.activations?.length ?? 0) > 0 ? "added" : "not_added";
}

export function addBlockUrl(shop: string, apiKey: string): string {
  const query = new URLSearchParams({ template: "index", addAppBlockId: `${apiKey}/${FEED_BLOCK_HANDLE}`, target: "newAppsSection" });
  return `https://${shop}/admin/themes/current/editor?${query}`;
}

export function ThemeBlockStatus({ shop, apiKey }: { shop: string; apiKey: string }) {
  const shopify = useAppBridge();
  const [placement, setPlacement] = useState<Placement>("unknown");
  useEffect(() => {
    const app = (shopify as unknown as { app?: AppApi }).app;
    app?.extensions?.().then((extensions) => setPlacement(blockPlacement(extensions)), () => setPlacement("unknown"));
  }, [shopify]);

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Instagram feed on your store
          </Text>
          {placement === "added" && <Badge tone="success">Added to your theme</Badge>}
          {placement === "not_added" && <Badge tone="attention">Not on your theme yet</Badge>}
        </InlineStack>
        <Text as="p">
          {placement === "added"
            ? "The Instagram feed block is on your live theme. Change its layout in the theme editor."
            : "Add the Instagram feed block to your theme: the theme editor opens with the block ready to place. Your posts show up in your store's own pages, with no extra scripts to load."}
        </Text>
        <InlineStack>
          <Button url={addBlockUrl(shop, apiKey)} target="_top" variant={placement === "added" ? "secondary" : "primary"}>
            {placement === "added" ? "Open theme editor" : "Add to theme"}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
