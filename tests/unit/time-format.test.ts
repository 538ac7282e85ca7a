// Times are shown in the shop's time zone and the merchant's language, never silently in UTC.
import { describe, expect, it } from "vitest";
import { dateFormatters, supportedLocale, supportedTimeZone } from "../../app/time-format";

const moment = "2026-12-03T11:30:00.000Z";

describe("dateFormatters", () => {
  it("shows the shop's local date and time, with its zone", () => {
    const auckland = dateFormatters({ timeZone: "Pacific/Auckland", locale: "en-US" });
    expect(auckland.formatDate(moment)).toBe("Dec 4, 2026"); // already tomorrow there
    expect(auckland.formatDateTime(moment)).toMatch(/^Dec 4, 2026, 12:30\s?AM GMT\+13$/);
  });

  it("in the merchant's language", () => {
    expect(dateFormatters({ timeZone: "Europe/Paris", locale: "fr-FR" }).formatDate(moment)).toBe("3 déc. 2026");
  });
});

describe("settings from Shopify and the browser", () => {
  it("takes the first language Intl knows, from the admin's locale or Accept-Language", () => {
    expect(supportedLocale("de", "fr-FR,fr;q=0.9")).toBe("de");
    expect(supportedLocale(null, "fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr-FR");
    expect(supportedLocale("not a locale!", undefined)).toBe("en-US");
  });

  it("falls back to UTC only when the shop's zone is unknown or not a zone", () => {
    expect(supportedTimeZone("America/Toronto")).toBe("America/Toronto");
    expect(supportedTimeZone(null)).toBe("UTC");
    expect(supportedTimeZone("Mars/Olympus")).toBe("UTC");
  });
});
