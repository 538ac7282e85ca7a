// Every setting the app reads, parsed once with zod. A bad or missing value stops the process with a
// message that names the variable, instead of failing later in some request.
import { z } from "zod";

const DEVELOPMENT_TOKEN_KEY = Buffer.alloc(32, "social-feed-development-key-only").toString("base64");

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .url({ protocol: /^https?$/ })
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  );

const base64Key = z
  .string()
  .trim()
  .refine(
    (value) => Buffer.from(value, "base64").length === 32,
    "must be 32 bytes, base64-encoded (openssl rand -base64 32)",
  );

/** An empty value means "not set" (env templates often leave blanks), so the default applies. */
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const number = (schema: z.ZodCoercedNumber, fallback: number) => z.preprocess(blankAsUnset, schema.default(fallback));

const flag = z
  .enum(["", "0", "1", "true", "false"])
  .default("")
  .transform((value) => value === "1" || value === "true");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    SHOPIFY_API_KEY: z.string().trim().min(1, "is required"),
    SHOPIFY_API_SECRET: z.string().trim().min(1, "is required"),
    SHOPIFY_APP_URL: z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, "")),
    SCOPES: z.string().trim().default("write_files,write_app_proxy,write_metaobject_definitions,write_metaobjects"),
    SHOPIFY_ADMIN_API_ORIGIN: optionalUrl.default(""),
    INSTAGRAM_APP_ID: z
      .string()
      .trim()
      .regex(
        /^\d+$/,
        "must be the numeric Instagram App ID (App Dashboard > Instagram > API setup with Instagram login)",
      ),
    INSTAGRAM_APP_SECRET: z.string().trim().min(1, "is required"),
    INSTAGRAM_BASE_URL: optionalUrl.default(""),
    INSTAGRAM_TIMEOUT_MS: number(z.coerce.number().int().min(100).max(120_000), 10_000),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL URL: postgresql://user:password@host:5432/database"),
    // Connections this process opens to PostgreSQL, for Prisma and for the job queue each.
    DATABASE_POOL_SIZE: number(z.coerce.number().int().min(1).max(200), 10),
    // A query running longer than this is cancelled by PostgreSQL, so one bad query cannot hold a connection.
    DATABASE_STATEMENT_TIMEOUT_MS: number(z.coerce.number().int().min(100).max(600_000), 15_000),
    TOKEN_ENCRYPTION_KEY: base64Key.optional(),
    // Key rotation: several keys, newest first. New tokens use the first; older ones still decrypt.
    TOKEN_ENCRYPTION_KEYS: z
      .preprocess(blankAsUnset, z.string().optional())
      .transform((value) =>
        value
          ?.split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .pipe(z.array(base64Key).min(1, "must list at least one key").optional()),
    PORT: number(z.coerce.number().int().min(1).max(65535), 3000),
    // Token upkeep; see app/accounts/renewal-policy.ts for why these defaults.
    TOKEN_RENEW_AFTER_DAYS: number(
      z.coerce.number().min(1, "must be at least 1 (Instagram refuses tokens under 24 hours old)").max(50),
      5,
    ),
    TOKEN_CHECK_INTERVAL_MINUTES: number(
      z.coerce
        .number()
        .int()
        .min(5)
        .max(24 * 60),
      55,
    ),
    // What this process does: serve the app and work the job queue (all), or one of the two.
    PROCESS_ROLE: z.enum(["all", "web", "worker"]).default("all"),
    // Jobs of each kind one worker process runs at once.
    WORKER_CONCURRENCY: number(z.coerce.number().int().min(1).max(64), 4),
    // A job whose worker vanished (crash, kill -9) is handed to another worker after this long.
    JOB_TIMEOUT_SECONDS: number(
      z.coerce
        .number()
        .int()
        .min(5)
        .max(6 * 3600),
      900,
    ),
    // On SIGTERM, how long running jobs may take to finish before they are handed back to the queue.
    SHUTDOWN_TIMEOUT_SECONDS: number(z.coerce.number().int().min(1).max(600), 25),
    // Email alerts: where mail goes (smtp://user:pass@host:587, or smtps:// for implicit TLS) and who it is from.
    // With no SMTP_URL outside production, mail is kept in the outbox the sandbox shows.
    SMTP_URL: z.preprocess(
      blankAsUnset,
      z
        .url({ protocol: /^smtps?$/, message: "must be an SMTP URL: smtp://user:password@host:587 or smtps://…:465" })
        .optional(),
    ),
    EMAIL_FROM: z.preprocess(blankAsUnset, z.string().trim().min(3).default("Social Feed <alerts@localhost>")),
    SANDBOX: flag,
  })
  .superRefine((env, ctx) => {
    if (env.TOKEN_ENCRYPTION_KEY && env.TOKEN_ENCRYPTION_KEYS) {
      ctx.addIssue({
        code: "custom",
        path: ["TOKEN_ENCRYPTION_KEYS"],
        message: "set either TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_KEYS, not both",
      });
    }
    if (env.NODE_ENV !== "production") return;
    const refuse = (variable: string, message: string) => ctx.addIssue({ code: "custom", path: [variable], message });
    if (!env.TOKEN_ENCRYPTION_KEY && !env.TOKEN_ENCRYPTION_KEYS)
      refuse("TOKEN_ENCRYPTION_KEY", "is required in production (or TOKEN_ENCRYPTION_KEYS)");
    if (env.SANDBOX) refuse("SANDBOX", "cannot be enabled in production");
    if (env.SHOPIFY_ADMIN_API_ORIGIN) refuse("SHOPIFY_ADMIN_API_ORIGIN", "cannot be set in production");
    if (env.INSTAGRAM_BASE_URL) refuse("INSTAGRAM_BASE_URL", "cannot be set in production");
    // Alerts are how a merchant hears that their feed stopped: production does not start without a way to send them.
    if (!env.SMTP_URL)
      refuse("SMTP_URL", "is required in production: email alerts need an SMTP server (smtp://user:password@host:587)");
    if (env.EMAIL_FROM.endsWith("@localhost>"))
      refuse(
        "EMAIL_FROM",
        "is required in production: the sender of email alerts, e.g. Social Feed <alerts@yourdomain.com>",
      );
  });

/** Every environment variable the app reads (.env.example lists the same). */
export const SETTING_NAMES = Object.keys(EnvSchema.shape);

export type Config = Omit<z.output<typeof EnvSchema>, "TOKEN_ENCRYPTION_KEY" | "TOKEN_ENCRYPTION_KEYS"> & {
  /** The key new tokens are encrypted with. */
  TOKEN_ENCRYPTION_KEY: string;
  /** Every key that may have encrypted a stored token, newest (= TOKEN_ENCRYPTION_KEY) first. */
  TOKEN_ENCRYPTION_KEYS: string[];
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * `shopify app dev` hands the app its tunnel as HOST, not SHOPIFY_APP_URL (as Shopify's Remix template
 * expects); an https HOST stands in when SHOPIFY_APP_URL is unset. A bare host name (HOST=0.0.0.0 in many
 * containers) is not an app URL and is ignored.
 */
function withAppUrlFromHost(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (env.SHOPIFY_APP_URL || !env.HOST?.startsWith("https://")) return env;
  return { ...env, SHOPIFY_APP_URL: env.HOST };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(withAppUrlFromHost(env));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join("\n")}\nSee README.md, "Settings".`);
  }
  const { TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_KEYS, ...settings } = result.data;
  const keys = TOKEN_ENCRYPTION_KEYS ?? [TOKEN_ENCRYPTION_KEY ?? DEVELOPMENT_TOKEN_KEY];
  return { ...settings, TOKEN_ENCRYPTION_KEY: keys[0]!, TOKEN_ENCRYPTION_KEYS: keys };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change the environment between files; production never calls this. */
export function resetConfigForTests() {
  cached = undefined;
}
