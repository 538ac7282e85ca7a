// A bad deployment must stop at boot with a message that names the setting to fix, never later inside a
// merchant's request, and never by printing a secret into the logs.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../app/config.server";
import { decryptToken, encryptToken } from "../../app/accounts/token-crypto.server";

// Recognisable secrets: if any of these shows up in an error message, a secret leaked into the logs.
const SHOPIFY_SECRET = "shpss_SECRET_a1b2c3d4e5f6";
const INSTAGRAM_SECRET = "ig_SECRET_0f9e8d7c6b5a";
const KEY = Buffer.alloc(32, 42).toString("base64");

const complete = (): Record<string, string | undefined> => ({
  SHOPIFY_API_KEY: "api-key-123",
  SHOPIFY_API_SECRET: SHOPIFY_SECRET,
  SHOPIFY_APP_URL: "https://feed.example.com",
  INSTAGRAM_APP_ID: "990602627938098",
  INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
  DATABASE_URL: "postgresql://feed@db:5432/feed",
});

const production = (): Record<string, string | undefined> => ({
  ...complete(),
  NODE_ENV: "production",
  TOKEN_ENCRYPTION_KEY: KEY,
  SMTP_URL: "smtp://alerts:secret@smtp.example.com:587",
  EMAIL_FROM: "Social Feed <alerts@example.com>",
});

/** The ConfigError parseConfig throws for `env`; fails the test if it parses. */
function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const secret of [
      SHOPIFY_SECRET,
      INSTAGRAM_SECRET,
      KEY,
      env.TOKEN_ENCRYPTION_KEY,
      env.INSTAGRAM_APP_SECRET,
      env.SHOPIFY_API_SECRET,
    ]) {
      if (secret) expect(message).not.toContain(secret);
    }
    return error as ConfigError;
  }
  throw new Error(`expected the settings to be refused: ${Object.keys(env).join(", ")}`);
}

describe("a complete environment", () => {
  it("blank numeric settings (as env templates leave them) take their defaults", () => {
    const parsed = parseConfig({ ...complete(), PORT: "", INSTAGRAM_TIMEOUT_MS: " ", TOKEN_RENEW_AFTER_DAYS: "" });
    expect(parsed).toMatchObject({ PORT: 3000, INSTAGRAM_TIMEOUT_MS: 10_000, TOKEN_RENEW_AFTER_DAYS: 5 });
  });

  it("parses, with the documented defaults", () => {
    const settings = parseConfig(complete());
    expect(settings).toMatchObject({
      NODE_ENV: "development",
      SHOPIFY_API_KEY: "api-key-123",
      SHOPIFY_API_SECRET: SHOPIFY_SECRET,
      SHOPIFY_APP_URL: "https://feed.example.com",
      SCOPES: "write_files,write_app_proxy,write_metaobject_definitions,write_metaobjects",
      INSTAGRAM_APP_ID: "990602627938098",
      INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
      DATABASE_URL: "postgresql://feed@db:5432/feed",
      DATABASE_POOL_SIZE: 10,
      PROCESS_ROLE: "all",
      PORT: 3000,
      INSTAGRAM_TIMEOUT_MS: 10_000,
      SANDBOX: false,
    });
    expect(settings.INSTAGRAM_BASE_URL).toBeFalsy(); // the real Instagram hosts
    expect(settings.SHOPIFY_ADMIN_API_ORIGIN).toBeFalsy();
  });

  it("reads numbers, flags and URLs as given", () => {
    const settings = parseConfig({
      ...complete(),
      PORT: "8080",
      INSTAGRAM_TIMEOUT_MS: "2500",
      DATABASE_URL: "postgresql://feed@db:5432/feed",
      SANDBOX: "true",
      INSTAGRAM_BASE_URL: "http://127.0.0.1:4010",
      SHOPIFY_APP_URL: "https://feed.example.com/",
      TOKEN_ENCRYPTION_KEY: KEY,
    });
    expect(settings).toMatchObject({
      PORT: 8080,
      INSTAGRAM_TIMEOUT_MS: 2500,
      DATABASE_URL: "postgresql://feed@db:5432/feed",
      SANDBOX: true,
      INSTAGRAM_BASE_URL: "http://127.0.0.1:4010",
      SHOPIFY_APP_URL: "https://feed.example.com",
      TOKEN_ENCRYPTION_KEY: KEY,
    });
  });

  it("production with a key and real Instagram hosts is accepted", () => {
    const settings = parseConfig(production());
    expect(settings.NODE_ENV).toBe("production");
    expect(settings.TOKEN_ENCRYPTION_KEY).toBe(KEY);
  });
});

const REQUIRED = [
  "SHOPIFY_API_KEY",
  "SHOPIFY_API_SECRET",
  "SHOPIFY_APP_URL",
  "INSTAGRAM_APP_ID",
  "INSTAGRAM_APP_SECRET",
  "DATABASE_URL",
];

describe("missing required settings are named", () => {
  it.each(REQUIRED)("%s", (variable) => {
    const env = complete();
    delete env[variable];
    const message = refusal(env).message;
    expect(message).toMatch(new RegExp(`^\\s*${variable}: `, "m"));
    const others = Object.keys(complete()).filter((name) => name !== variable);
    for (const other of others) expect(message).not.toMatch(new RegExp(`^\\s*${other}: `, "m"));
  });

  it.each(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "INSTAGRAM_APP_SECRET"])(
    "%s set to blanks counts as missing",
    (variable) => {
      expect(refusal({ ...complete(), [variable]: "   " }).message).toContain(`${variable}: is required`);
    },
  );

  it("every missing variable is listed at once", () => {
    const message = refusal({}).message;
    for (const variable of REQUIRED) {
      expect(message).toContain(`${variable}:`);
    }
  });
});

describe("malformed settings are refused with the variable's name", () => {
  it("INSTAGRAM_BASE_URL: trailing slashes are removed", () => {
    expect(parseConfig({ ...complete(), INSTAGRAM_BASE_URL: "http://127.0.0.1:4010/" }).INSTAGRAM_BASE_URL).toBe(
      "http://127.0.0.1:4010",
    );
    expect(parseConfig({ ...complete(), INSTAGRAM_BASE_URL: "https://fake.test//" }).INSTAGRAM_BASE_URL).toBe(
      "https://fake.test",
    );
  });

  it("INSTAGRAM_BASE_URL: empty means not set", () => {
    expect(parseConfig({ ...complete(), INSTAGRAM_BASE_URL: "" }).INSTAGRAM_BASE_URL).toBeFalsy();
  });

  it.each(["not a url", "127.0.0.1:4010", "ftp://fake.test"])("INSTAGRAM_BASE_URL=%s", (value) => {
    expect(refusal({ ...complete(), INSTAGRAM_BASE_URL: value }).message).toMatch(/^\s*INSTAGRAM_BASE_URL: /m);
  });

  it("SHOPIFY_APP_URL must be a URL", () => {
    expect(refusal({ ...complete(), SHOPIFY_APP_URL: "feed.example.com" }).message).toMatch(/^\s*SHOPIFY_APP_URL: /m);
  });

  it.each(["my-instagram-app", "99060262793809a", "", "990 602"])("INSTAGRAM_APP_ID=%j (not numeric)", (value) => {
    const message = refusal({ ...complete(), INSTAGRAM_APP_ID: value }).message;
    expect(message).toMatch(/^\s*INSTAGRAM_APP_ID: must be the numeric Instagram App ID/m);
  });

  it.each([
    ["16 bytes", Buffer.alloc(16, 1).toString("base64")],
    ["31 bytes", Buffer.alloc(31, 1).toString("base64")],
    ["33 bytes", Buffer.alloc(33, 1).toString("base64")],
    ["a 32-byte key in hex", Buffer.alloc(32, 1).toString("hex")],
    ["a passphrase", "correct horse battery staple SECRET"],
  ])("TOKEN_ENCRYPTION_KEY of the wrong length (%s), without echoing it", (_label, value) => {
    const message = refusal({ ...complete(), TOKEN_ENCRYPTION_KEY: value }).message;
    expect(message).toMatch(/^\s*TOKEN_ENCRYPTION_KEY: must be 32 bytes/m);
    expect(message).not.toContain(value);
  });

  it.each([
    ["PORT", "0"],
    ["PORT", "70000"],
    ["PORT", "http"],
    ["INSTAGRAM_TIMEOUT_MS", "50"],
    ["INSTAGRAM_TIMEOUT_MS", "soon"],
    ["DATABASE_URL", "mysql://db/feed"],
    ["DATABASE_URL", "file:./dev.sqlite"],
    ["DATABASE_POOL_SIZE", "0"],
    ["PROCESS_ROLE", "both"],
    ["JOB_TIMEOUT_SECONDS", "1"],
    ["SANDBOX", "yes"],
    ["NODE_ENV", "staging"],
  ])("%s=%s", (variable, value) => {
    expect(refusal({ ...complete(), [variable]: value }).message).toMatch(new RegExp(`^\\s*${variable}: `, "m"));
  });

  it("a refused value is not echoed into the message", () => {
    const value = "https://SECRET-host.example:99999";
    expect(refusal({ ...complete(), INSTAGRAM_BASE_URL: value }).message).not.toContain("SECRET-host");
  });
});

describe("shopify app dev", () => {
  it("takes the tunnel the CLI passes as HOST when SHOPIFY_APP_URL is unset", () => {
    const env = { ...complete(), SHOPIFY_APP_URL: undefined, HOST: "https://lively-tunnel.trycloudflare.com" };
    expect(parseConfig(env).SHOPIFY_APP_URL).toBe("https://lively-tunnel.trycloudflare.com");
  });

  it("ignores a bare HOST (a bind address, not an app URL), and SHOPIFY_APP_URL wins", () => {
    expect(refusal({ ...complete(), SHOPIFY_APP_URL: undefined, HOST: "0.0.0.0" }).message).toContain(
      "SHOPIFY_APP_URL",
    );
    expect(parseConfig({ ...complete(), HOST: "https://other.example" }).SHOPIFY_APP_URL).toBe(
      complete().SHOPIFY_APP_URL,
    );
  });
});

describe("email alerts", () => {
  it("production does not start without a way to send alerts, and names the setting", () => {
    expect(refusal({ ...production(), SMTP_URL: undefined }).message).toContain("SMTP_URL: is required in production");
    expect(refusal({ ...production(), EMAIL_FROM: "" }).message).toContain("EMAIL_FROM: is required in production");
  });

  it("outside production, no SMTP_URL means the outbox", () => {
    expect(parseConfig(complete()).SMTP_URL).toBeUndefined();
  });

  it("refuses a URL that is not SMTP", () => {
    expect(refusal({ ...complete(), SMTP_URL: "https://mail.example.com" }).message).toContain(
      "SMTP_URL: must be an SMTP URL",
    );
  });
});

describe("production refuses development shortcuts", () => {
  it("no TOKEN_ENCRYPTION_KEY", () => {
    const env = production();
    delete env.TOKEN_ENCRYPTION_KEY;
    expect(refusal(env).message).toContain("TOKEN_ENCRYPTION_KEY: is required in production");
  });

  it.each(["1", "true"])("SANDBOX=%s", (value) => {
    expect(refusal({ ...production(), SANDBOX: value }).message).toContain("SANDBOX: cannot be enabled in production");
  });

  it("SANDBOX=0 is fine", () => {
    expect(parseConfig({ ...production(), SANDBOX: "0" }).SANDBOX).toBe(false);
  });

  it("SHOPIFY_ADMIN_API_ORIGIN", () => {
    const message = refusal({ ...production(), SHOPIFY_ADMIN_API_ORIGIN: "http://127.0.0.1:4020" }).message;
    expect(message).toContain("SHOPIFY_ADMIN_API_ORIGIN: cannot be set in production");
  });

  it("INSTAGRAM_BASE_URL", () => {
    const message = refusal({ ...production(), INSTAGRAM_BASE_URL: "http://127.0.0.1:4010" }).message;
    expect(message).toContain("INSTAGRAM_BASE_URL: cannot be set in production");
  });

  it("names every problem at once", () => {
    const env: Record<string, string | undefined> = {
      ...production(),
      SANDBOX: "1",
      SHOPIFY_ADMIN_API_ORIGIN: "http://a.test",
      INSTAGRAM_BASE_URL: "http://b.test",
    };
    delete env.TOKEN_ENCRYPTION_KEY;
    const lines = refusal(env)
      .message.split("\n")
      .filter((line) => /cannot|required/.test(line));
    expect(lines.map((line) => line.trim().split(":")[0]).sort()).toEqual([
      "INSTAGRAM_BASE_URL",
      "SANDBOX",
      "SHOPIFY_ADMIN_API_ORIGIN",
      "TOKEN_ENCRYPTION_KEY",
    ]);
  });

  it("the same shortcuts are allowed outside production", () => {
    for (const NODE_ENV of ["development", "test"]) {
      const settings = parseConfig({
        ...complete(),
        NODE_ENV,
        SANDBOX: "1",
        SHOPIFY_ADMIN_API_ORIGIN: "http://a.test",
        INSTAGRAM_BASE_URL: "http://b.test",
      });
      expect(settings).toMatchObject({
        SANDBOX: true,
        SHOPIFY_ADMIN_API_ORIGIN: "http://a.test",
        INSTAGRAM_BASE_URL: "http://b.test",
      });
    }
  });
});

describe("development without a key", () => {
  it("gets a working 32-byte key, so tokens can still be stored and read", () => {
    const settings = parseConfig(complete());
    const key = Buffer.from(settings.TOKEN_ENCRYPTION_KEY, "base64");
    expect(key).toHaveLength(32);
    const stored = encryptToken("IGAAdevtoken", "dev.myshopify.com:1", key);
    expect(decryptToken(stored.ciphertext, "dev.myshopify.com:1", key)).toBe("IGAAdevtoken");
  });

  it("the fallback key is the same on every boot (stored tokens stay readable after a restart)", () => {
    expect(parseConfig(complete()).TOKEN_ENCRYPTION_KEY).toBe(parseConfig(complete()).TOKEN_ENCRYPTION_KEY);
  });

  it("a configured key replaces the fallback", () => {
    expect(parseConfig({ ...complete(), TOKEN_ENCRYPTION_KEY: KEY }).TOKEN_ENCRYPTION_KEY).toBe(KEY);
    expect(parseConfig({ ...complete(), TOKEN_ENCRYPTION_KEY: KEY }).TOKEN_ENCRYPTION_KEY).not.toBe(
      parseConfig(complete()).TOKEN_ENCRYPTION_KEY,
    );
  });
});
