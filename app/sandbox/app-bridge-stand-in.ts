// A stand-in for Shopify's App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js), served only by the
// sandbox. It does what the real one does for this app: exposes `window.shopify` (config, toast,
// loading, idToken), adds a fresh session token to the app's own fetches, and leaves the iframe when
// the server asks for it (the reauthorize header) or the app opens a URL in `_top`.
import { SANDBOX_ID_TOKEN_PATH } from "./paths";
import { SANDBOX_THEME_COOKIE } from "./sandbox-theme";

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

  // Toasts as the admin shows them (Polaris's Toast): stacked at the bottom, each with its message, the
  // app's action button (e.g. Undo) when it names one, and a dismiss button. Gone after \`duration\`: 5 s
  // by default, 10 s with an action, the clock paused while the pointer is over the toast. Pressing the
  // action calls onAction and leaves the toast up (the app hides it with hide(id) if it wants);
  // dismissing calls onDismiss. show() returns the toast's id.
  const toasts = new Map();
  let toastCount = 0;
  let toastStack = null;

  function hideToast(id) {
    const toast = toasts.get(id);
    if (!toast) return;
    clearTimeout(toast.timer);
    toast.element.remove();
    toasts.delete(id);
  }

  function toastButton(label, accessibleName, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    if (accessibleName) button.setAttribute("aria-label", accessibleName);
    button.style.cssText = "background:none;border:0;color:inherit;font:inherit;font-weight:600;cursor:pointer;padding:2px 4px;text-decoration:underline";
    button.addEventListener("click", onClick);
    return button;
  }

  function showToast(message, options) {
    const opts = options || {};
    const id = "sandbox-toast-" + ++toastCount;
    if (!toastStack || !toastStack.isConnected) {
      toastStack = document.createElement("div");
      toastStack.className = "sandbox-toasts";
      toastStack.style.cssText = "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;align-items:center;z-index:1000";
      document.body.appendChild(toastStack);
    }
    const toast = document.createElement("div");
    toast.setAttribute("role", "status");
    toast.className = "sandbox-toast";
    toast.dataset.toastId = id;
    toast.style.cssText = "display:flex;gap:12px;align-items:center;background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui";
    if (opts.isError) toast.style.background = "#8e1f0b";
    const text = document.createElement("span");
    text.textContent = message;
    toast.appendChild(text);
    if (opts.action) {
      toast.appendChild(toastButton(String(opts.action), null, () => {
        if (typeof opts.onAction === "function") opts.onAction();
      }));
    }
    toast.appendChild(toastButton("×", "Dismiss notification", () => {
      hideToast(id);
      if (typeof opts.onDismiss === "function") opts.onDismiss();
    }));
    toastStack.appendChild(toast);
    const entry = { element: toast, timer: null, remaining: opts.duration || (opts.action ? 10000 : 5000), startedAt: 0 };
    const resume = () => {
      entry.startedAt = Date.now();
      entry.timer = setTimeout(() => hideToast(id), entry.remaining);
    };
    toast.addEventListener("mouseenter", () => {
      clearTimeout(entry.timer);
      entry.remaining -= Date.now() - entry.startedAt;
    });
    toast.addEventListener("mouseleave", resume);
    toasts.set(id, entry);
    resume();
    return id;
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
    toast: { show: showToast, hide: hideToast },
    // The sandbox's theme is what its stand-in theme editor saved (its blocks, in a cookie of this
    // origin: sandbox-theme.ts), in the shape Shopify answers: the block, and one placement per template
    // that has it on the published theme, however many blocks that template holds.
    app: {
      extensions: async () => {
        const prefix = ${JSON.stringify(`${SANDBOX_THEME_COOKIE}=`)};
        const saved = document.cookie.split(";").map((part) => part.trim()).find((part) => part.startsWith(prefix));
        let blocks = [];
        try {
          blocks = saved ? JSON.parse(decodeURIComponent(saved.slice(prefix.length))) : [];
        } catch {
          blocks = [];
        }
        const templates = [...new Set((Array.isArray(blocks) ? blocks : []).map((block) => block && block.template).filter((template) => typeof template === "string"))];
        const placements = templates.map((template) => ({ target: "template:" + template, themeId: "gid://shopify/OnlineStoreTheme/1" }));
        return [
          { handle: "social-feed", type: "theme_app_extension", activations: [{ handle: "instagram-feed", name: "Instagram feed", target: "section", status: placements.length ? "active" : "available", activations: placements }] },
        ];
      },
    },
  };
})();
`;
