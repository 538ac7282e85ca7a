// A stand-in for Shopify's App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js), served only by the
// sandbox. It does what the real one does for this app: exposes `window.shopify` (config, toast,
// loading, idToken, scopes, resourcePicker), adds a fresh session token to the app's own fetches, and
// leaves the iframe when the server asks for it (the reauthorize header) or the app opens a URL in `_top`.
// Scopes and the resource picker ask Shopify's stand-in through the sandbox's routes (sandbox.scopes.tsx,
// sandbox.products.tsx), and show the admin's dialogs: the consent to more access, the product picker.
import { SANDBOX_ID_TOKEN_PATH } from "./paths";
import { SANDBOX_THEME_COOKIE } from "./sandbox-theme";

const SCOPES_PATH = "/sandbox/scopes";
const PRODUCTS_PATH = "/sandbox/products";

/** What Shopify's consent dialog says each scope lets the app do (the ones this app may ask for). */
const SCOPE_DESCRIPTIONS: Record<string, string> = {
  read_products: "View products, variants and collections",
  write_products: "Manage products, variants and collections",
};

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

  // The admin's modal dialogs (the consent to more access, the resource picker): focus moves in, Escape
  // or the close button cancels, and focus returns where it was. close(value) settles the dialog.
  function openDialog(title, build) {
    return new Promise((resolve) => {
      const opener = document.activeElement;
      const backdrop = document.createElement("div");
      backdrop.className = "sandbox-dialog-backdrop";
      backdrop.style.cssText = "position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center;z-index:1001;font:14px system-ui";
      const dialog = document.createElement("div");
      const titleId = "sandbox-dialog-title-" + Date.now();
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-labelledby", titleId);
      dialog.style.cssText = "background:#fff;color:#303030;border-radius:12px;width:min(620px,92vw);max-height:86vh;display:flex;flex-direction:column;box-shadow:0 20px 40px rgba(0,0,0,.3)";
      const heading = document.createElement("h2");
      heading.id = titleId;
      heading.textContent = title;
      heading.style.cssText = "margin:0;padding:16px 20px;font-size:16px;border-bottom:1px solid #e3e3e3";
      const body = document.createElement("div");
      body.style.cssText = "padding:16px 20px;overflow:auto;display:grid;gap:12px";
      const footer = document.createElement("div");
      footer.style.cssText = "display:flex;justify-content:flex-end;gap:8px;padding:12px 20px;border-top:1px solid #e3e3e3";
      dialog.append(heading, body, footer);
      backdrop.appendChild(dialog);
      let settled = false;
      function close(value) {
        if (settled) return;
        settled = true;
        backdrop.remove();
        if (opener && typeof opener.focus === "function") opener.focus();
        resolve(value);
      }
      backdrop.addEventListener("keydown", (event) => {
        if (event.key === "Escape") close(undefined);
      });
      function button(label, primary, onClick) {
        const element = document.createElement("button");
        element.type = "button";
        element.textContent = label;
        element.style.cssText = primary
          ? "background:#303030;color:#fff;border:0;border-radius:8px;padding:6px 12px;font:inherit;font-weight:600;cursor:pointer"
          : "background:#fff;color:#303030;border:1px solid #c9c9c9;border-radius:8px;padding:6px 12px;font:inherit;cursor:pointer";
        element.addEventListener("click", onClick);
        footer.appendChild(element);
        return element;
      }
      build({ body, button, close });
      document.body.appendChild(backdrop);
      const first = dialog.querySelector("input, button");
      if (first) first.focus();
    });
  }

  async function sandboxJson(path, init) {
    const reply = await fetch(path, init);
    const body = await reply.json();
    if (!reply.ok) throw new Error(body.error || "Shopify refused the request (HTTP " + reply.status + ")");
    return body;
  }

  // The Scopes API: query() answers { granted, required, optional }; request(scopes) shows Shopify's
  // consent dialog (at once "granted-all" when the app has them all already) and, on "Grant access",
  // Shopify grants them and sends the app its app/scopes_update webhook.
  const scopeDescriptions = ${JSON.stringify(SCOPE_DESCRIPTIONS)};
  const scopes = {
    query: () => sandboxJson(${JSON.stringify(SCOPES_PATH)}),
    request: async (wanted) => {
      const detail = await scopes.query();
      const missing = (wanted || []).filter((scope) => !detail.granted.includes(scope));
      if (missing.length === 0) return { result: "granted-all", detail };
      const granted = await openDialog("Grant Social Feed access to more data?", ({ body, button, close }) => {
        const intro = document.createElement("p");
        intro.style.margin = "0";
        intro.textContent = "Social Feed on " + (params.get("shop") || "your store") + " is asking to:";
        const list = document.createElement("ul");
        list.style.margin = "0";
        for (const scope of missing) {
          const item = document.createElement("li");
          item.textContent = (scopeDescriptions[scope] || scope) + " (" + scope + ")";
          list.appendChild(item);
        }
        const note = document.createElement("p");
        note.style.cssText = "margin:0;color:#616161";
        note.textContent = "You can remove this access later from the app's settings in your Shopify admin.";
        body.append(intro, list, note);
        button("Cancel", false, () => close(false));
        button("Grant access", true, () => close(true));
      });
      if (!granted) return { result: "declined-all", detail };
      return sandboxJson(${JSON.stringify(SCOPES_PATH)}, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scopes: missing }),
      });
    },
  };

  // The resource picker, for products: the shop's products (from Shopify's stand-in; refused without
  // read_products), searchable, preselected by selectionIds. Resolves to the chosen products, in the
  // shape App Bridge returns (an array, also as its \`selection\`), or undefined when cancelled.
  async function resourcePicker(options) {
    const opts = options || {};
    if (opts.type !== "product") throw new Error("The sandbox's resource picker picks products only.");
    const products = await sandboxJson(${JSON.stringify(PRODUCTS_PATH)});
    const limit = typeof opts.multiple === "number" ? opts.multiple : opts.multiple ? Infinity : 1;
    const chosen = new Set((opts.selectionIds || []).map((entry) => entry.id));
    const verb = opts.action === "select" ? "Select" : "Add";
    const picked = await openDialog(verb + " products", ({ body, button, close }) => {
      const search = document.createElement("input");
      search.type = "search";
      search.value = opts.query || "";
      search.setAttribute("aria-label", "Search products");
      search.placeholder = "Search products";
      search.style.cssText = "padding:6px 10px;border:1px solid #8a8a8a;border-radius:8px;font:inherit";
      const list = document.createElement("ul");
      list.setAttribute("aria-label", "Products");
      list.style.cssText = "list-style:none;margin:0;padding:0;display:grid;gap:4px";
      const count = document.createElement("p");
      count.setAttribute("aria-live", "polite");
      count.style.cssText = "margin:0;color:#616161";
      let confirm = null;
      function render() {
        const words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
        const shown = products.filter((product) => {
          const text = [product.title, product.handle, ...product.tags, ...product.variants.map((v) => v.sku || "")].join(" ").toLowerCase();
          return words.every((word) => text.includes(word));
        });
        list.replaceChildren(...shown.map((product) => {
          const item = document.createElement("li");
          const label = document.createElement("label");
          label.style.cssText = "display:flex;gap:12px;align-items:center;padding:6px;border-radius:8px;cursor:pointer";
          const input = document.createElement("input");
          input.type = limit === 1 ? "radio" : "checkbox";
          input.name = "sandbox-picker";
          input.checked = chosen.has(product.id);
          input.disabled = !input.checked && limit !== 1 && chosen.size >= limit;
          input.addEventListener("change", () => {
            if (limit === 1) chosen.clear();
            if (input.checked) chosen.add(product.id);
            else chosen.delete(product.id);
            render();
          });
          const image = document.createElement("img");
          image.alt = "";
          image.width = 40;
          image.height = 40;
          image.style.cssText = "border-radius:6px;background:#f1f1f1;object-fit:cover";
          if (product.images[0]) image.src = product.images[0].originalSrc;
          const text = document.createElement("span");
          const variants = product.variants.length > 1 ? " · " + product.variants.length + " variants" : "";
          const status = product.status === "ACTIVE" ? "" : " · " + product.status.charAt(0) + product.status.slice(1).toLowerCase();
          text.textContent = product.title + " — " + product.totalInventory + " in stock" + variants + status;
          label.append(input, image, text);
          item.appendChild(label);
          return item;
        }));
        count.textContent = shown.length === 0 ? "No products found" : chosen.size + " selected";
        if (confirm) confirm.disabled = chosen.size === 0;
      }
      search.addEventListener("input", render);
      body.append(search, count, list);
      button("Cancel", false, () => close(undefined));
      confirm = button(verb, true, () => close(products.filter((product) => chosen.has(product.id))));
      render();
    });
    if (!picked) return undefined;
    return Object.assign(picked, { selection: picked });
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
    scopes,
    resourcePicker,
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
