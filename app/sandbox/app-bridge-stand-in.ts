// A stand-in for Shopify's App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js), served only by the
// sandbox. It does what the real one does for this app: exposes `window.shopify` (config, toast,
// loading, idToken), adds a fresh session token to the app's own fetches, and leaves the iframe when
// the server asks for it (the reauthorize header) or the app opens a URL in `_top`.
import { SANDBOX_ID_TOKEN_PATH } from "./paths";

export const APP_BRIDGE_STAND_IN = `(() => {
  const script = document.currentScript;
  const params = new URLSearchParams(location.search);
  const originalFetch = window.fetch.bind(window);
  const originalOpen = window.open.bind(window);
  let cached = null;

  async function idToken() {
    if (cached && cached.expiresAt > Date.now() + 10000) return cached.token;
    const reply = await originalFetch(${JSON.stringify(SANDBOX_ID_TOKEN_PATH)}, { cache: "no-store" });
    const body = await reply.json();
    cached = { token: body.token, expiresAt: Date.now() + body.expiresInSeconds * 1000 };
    return body.token;
  }

  function leaveFrame(url) {
    (window.top || window).location.assign(url);
  }

  window.fetch = async (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (target.origin !== location.origin) return originalFetch(input, init);
    const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    headers.set("Authorization", "Bearer " + (await idToken()));
    const response = await originalFetch(input, { ...init, headers });
    const reauthorize = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
    if (reauthorize) {
      leaveFrame(reauthorize);
      return new Promise(() => {});
    }
    return response;
  };

  window.open = (url, target, features) => {
    if (target === "_top" || target === "_parent") {
      leaveFrame(String(url));
      return null;
    }
    return originalOpen(url, target, features);
  };

  function showToast(message, options) {
    const toast = document.createElement("div");
    toast.setAttribute("role", "status");
    toast.className = "sandbox-toast";
    toast.textContent = message;
    toast.style.cssText = "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui;z-index:1000";
    if (options && options.isError) toast.style.background = "#8e1f0b";
    document.body.appendChild(toast);
    setTimeout(() => toast.remove(), (options && options.duration) || 5000);
    return "sandbox-toast";
  }

  // The admin draws the app's navigation from <ui-nav-menu>; the sandbox admin has its own, so hide it.
  if (!customElements.get("ui-nav-menu")) {
    customElements.define("ui-nav-menu", class extends HTMLElement {
      connectedCallback() { this.hidden = true; }
    });
  }

  window.shopify = {
    config: { apiKey: script && script.dataset.apiKey, shop: params.get("shop"), host: params.get("host"), locale: "en" },
    environment: { embedded: window.top !== window, mobile: false, pos: false },
    origin: location.origin,
    idToken,
    loading: () => {},
    toast: { show: showToast, hide: () => {} },
    // The sandbox has no theme: the block is available but not placed.
    app: {
      extensions: async () => [
        { handle: "social-feed", type: "theme_app_extension", activations: [{ handle: "instagram-feed", name: "Instagram feed", target: "section", status: "available", activations: [] }] },
      ],
    },
  };
})();
`;
