// Paths of the offline sandbox's stand-ins, shared by the server routes and the embedded layout.
export const SANDBOX_APP_BRIDGE_PATH = "/sandbox/app-bridge.js";
export const SANDBOX_ID_TOKEN_PATH = "/sandbox/id-token";
export const SANDBOX_SHOP = "sandbox-shop.myshopify.com";
/** The sandbox's stand-in theme editor (the blocks it saves: sandbox-theme.ts), and its Storefront preview. */
export const SANDBOX_THEME_EDITOR_PATH = "/sandbox/theme-editor";
export const SANDBOX_STOREFRONT_PATH = "/sandbox/storefront";
