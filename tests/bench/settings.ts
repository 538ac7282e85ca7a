// The app settings a benchmark runs the app's code with (no Shopify or Meta account involved).
export function useBenchSettings(
  databaseUrl: string,
  instagram: { origin?: string; appId: string; appSecret: string } = { appId: "1", appSecret: "bench" },
): void {
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench",
    SHOPIFY_APP_URL: "http://localhost:3000",
    INSTAGRAM_APP_ID: instagram.appId,
    INSTAGRAM_APP_SECRET: instagram.appSecret,
    ...(instagram.origin ? { INSTAGRAM_BASE_URL: instagram.origin } : {}),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  });
}
