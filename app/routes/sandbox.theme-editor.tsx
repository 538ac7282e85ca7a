// The sandbox's stand-in for Shopify's theme editor, where "Add to theme" lands: the merchant places the
// feed block on a template and saves, and App Bridge's app.extensions() (the sandbox's stand-in) then
// reports it, as Shopify would for the published theme.
import { useEffect, useState } from "react";
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

export default function SandboxThemeEditor() {
  const { template, block } = useLoaderData<typeof loader>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const stored = JSON.parse(localStorage.getItem(SANDBOX_THEME_STORAGE_KEY) || "[]") as string[];
    setChosen(block && !stored.includes(template) ? [...stored, template] : stored);
  }, [block, template]);
  const toggle = (name: string, on: boolean) => setChosen((current) => (on ? [...current, name] : current.filter((entry) => entry !== name)));
  const save = () => {
    localStorage.setItem(SANDBOX_THEME_STORAGE_KEY, JSON.stringify(chosen));
    setSaved(true);
  };
  return (
    <StandalonePage>
      <Page title="Theme editor" subtitle="The sandbox's stand-in for Shopify's theme editor." primaryAction={{ content: "Save", onAction: save }} backAction={{ content: "Sandbox admin", url: "/sandbox" }}>
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
                <Checkbox key={name} label={label} checked={chosen.includes(name)} onChange={(on) => toggle(name, on)} />
              ))}
            </BlockStack>
          </Card>
        </BlockStack>
      </Page>
    </StandalonePage>
  );
}
