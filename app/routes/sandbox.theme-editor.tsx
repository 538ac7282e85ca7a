// The sandbox's stand-in for Shopify's theme editor, where "Add to theme" lands: the merchant places the
// feed block on a template and saves, and App Bridge's app.extensions() (the sandbox's stand-in) then
// reports it, as Shopify would for the published theme.
import { useState, useSyncExternalStore } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { Banner, BlockStack, Card, Checkbox, Link, Page, Text } from "@shopify/polaris";
import { StandalonePage } from "../components/StandalonePage";
import { requireSandbox } from "../sandbox/guard.server";
import { SANDBOX_THEME_STORAGE_KEY } from "../sandbox/paths";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Theme editor (sandbox)" }];

const TEMPLATES = [
  { template: "index", label: "Home page" },
  { template: "product", label: "Product pages" },
  { template: "page", label: "Pages" },
];

export const loader = ({ request }: LoaderFunctionArgs) => {
  requireSandbox();
  const params = new URL(request.url).searchParams;
  return json({ template: params.get("template") ?? "index", block: params.get("addAppBlockId") });
};

// Where the block is, as saved in this browser's localStorage (what app.extensions() reports).
const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};
const savedTemplates = () => localStorage.getItem(SANDBOX_THEME_STORAGE_KEY);
const noneOnServer = () => null;

export default function SandboxThemeEditor() {
  const { template, block } = useLoaderData<typeof loader>();
  const stored = JSON.parse(useSyncExternalStore(subscribe, savedTemplates, noneOnServer) || "[]") as string[];
  // The merchant's unsaved ticks; until the first, the saved ones (plus the template "Add to theme" opened).
  // Opened for another template or block, the editor starts again from the saved ones.
  const [edited, setEdited] = useState<string[] | null>(null);
  const openedFor = `${template}\n${block ?? ""}`;
  const [editedFor, setEditedFor] = useState(openedFor);
  if (editedFor !== openedFor) {
    setEditedFor(openedFor);
    setEdited(null);
  }
  const chosen = edited ?? (block && !stored.includes(template) ? [...stored, template] : stored);
  const [saved, setSaved] = useState(false);
  const toggle = (name: string, on: boolean) =>
    setEdited(on ? [...chosen, name] : chosen.filter((entry) => entry !== name));
  const save = () => {
    localStorage.setItem(SANDBOX_THEME_STORAGE_KEY, JSON.stringify(chosen));
    setSaved(true);
  };
  return (
    <StandalonePage>
      <Page
        title="Theme editor"
        subtitle="The sandbox's stand-in for Shopify's theme editor."
        primaryAction={{ content: "Save", onAction: save }}
        backAction={{ content: "Sandbox admin", url: "/sandbox" }}
      >
        <BlockStack gap="400">
          {saved && (
            <Banner tone="success">
              <Text as="p">
                Saved. <Link url="/sandbox?path=/app">Back to Social Feed</Link>
              </Text>
            </Banner>
          )}
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Instagram feed block
              </Text>
              <Text as="p">Where the block is on your live theme:</Text>
              {TEMPLATES.map(({ template: name, label }) => (
                <Checkbox
                  key={name}
                  label={label}
                  checked={chosen.includes(name)}
                  onChange={(on) => toggle(name, on)}
                />
              ))}
            </BlockStack>
          </Card>
        </BlockStack>
      </Page>
    </StandalonePage>
  );
}
