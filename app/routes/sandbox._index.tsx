// The sandbox's stand-in for the Shopify admin: a page that embeds the app in an iframe, as the admin does.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { config } from "../config.server";
import { requireSandbox } from "../sandbox/guard.server";
import { SANDBOX_SHOP, SANDBOX_STOREFRONT_PATH, SANDBOX_THEME_EDITOR_PATH } from "../sandbox/paths";
import { sandboxHostParam, sandboxSessionToken } from "../sandbox/session-token.server";

export const meta: MetaFunction = () => [{ title: "Social Feed · Sandbox admin" }];

const AppPath = z
  .string()
  .regex(/^\/app(\/[\w\-./]*)?(\?[^#]*)?$/)
  .catch("/app");

export const loader = ({ request }: LoaderFunctionArgs) => {
  requireSandbox();
  const path = AppPath.parse(new URL(request.url).searchParams.get("path") ?? "/app");
  const frameUrl = new URL(path, config().SHOPIFY_APP_URL);
  frameUrl.searchParams.set("embedded", "1");
  frameUrl.searchParams.set("shop", SANDBOX_SHOP);
  frameUrl.searchParams.set("host", sandboxHostParam());
  frameUrl.searchParams.set("id_token", sandboxSessionToken());
  return json({ frameSrc: `${frameUrl.pathname}${frameUrl.search}`, shop: SANDBOX_SHOP });
};

const NAV = [
  { label: "Home", path: "/app" },
  { label: "Media Sources", path: "/app/media" },
  { label: "Account", path: "/app/account" },
  { label: "Settings", path: "/app/settings" },
];

export default function SandboxAdmin() {
  const { frameSrc, shop } = useLoaderData<typeof loader>();
  return (
    <div
      style={{
        position: "fixed",
        inset: 0,
        display: "grid",
        gridTemplateColumns: "220px 1fr",
        gridTemplateRows: "48px 1fr",
        height: "100vh",
        margin: 0,
        font: "14px system-ui",
      }}
    >
      <header
        style={{
          gridColumn: "1 / 3",
          background: "#1a1a1a",
          color: "#fff",
          display: "flex",
          alignItems: "center",
          gap: 16,
          padding: "0 16px",
        }}
      >
        <strong>Sandbox admin</strong>
        <span>{shop} · offline: Shopify and Instagram are local stand-ins</span>
      </header>
      <nav aria-label="Sandbox admin" style={{ background: "#ebebeb", padding: 12 }}>
        <p style={{ fontWeight: 600, margin: "4px 0 8px" }}>Social Feed</p>
        <ul style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 6 }}>
          {NAV.map((item) => (
            <li key={item.path}>
              <a href={`/sandbox?path=${encodeURIComponent(item.path)}`}>{item.label}</a>
            </li>
          ))}
          <li style={{ marginTop: 12 }}>
            <a href={SANDBOX_THEME_EDITOR_PATH}>Theme editor</a>
          </li>
          <li>
            <a href={SANDBOX_STOREFRONT_PATH} target="_blank" rel="noreferrer">
              Storefront preview ↗
            </a>
          </li>
          <li>
            <a href="/sandbox/simulate">Simulate</a>
          </li>
          <li>
            <a href="/sandbox/outbox">Outbox</a>
          </li>
        </ul>
      </nav>
      <iframe
        title="Social Feed"
        name="app-iframe"
        src={frameSrc}
        style={{ border: 0, width: "100%", height: "100%" }}
      />
    </div>
  );
}
