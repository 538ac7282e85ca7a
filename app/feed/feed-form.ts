// The feed form (name, accounts, filters): the same rules check it as the merchant types and again on
// save. Shared by the Feeds page and the server; messages never repeat the field's label.
import { z } from "zod";
import { FiltersInput, filtersFormErrors, type FilterFieldErrors, type FiltersForm } from "../sync/filters";

export const FEED_NAME_MAX = 60;

export type FeedFieldErrors = FilterFieldErrors & { name?: string; sourceIds?: string };

export interface FeedForm extends FiltersForm {
  name: string;
  sourceIds: string[];
}

export function nameProblem(name: string): string | undefined {
  const clean = name.trim();
  if (clean === "") return "Give the feed a name, such as “Home page” or “Summer lookbook”.";
  if (clean.length > FEED_NAME_MAX) return `Keep the name to ${FEED_NAME_MAX} characters or fewer.`;
  return undefined;
}

export const NO_SOURCES = "Choose at least one account whose posts this feed shows.";

export function feedFormErrors(form: FeedForm): FeedFieldErrors {
  const errors: FeedFieldErrors = filtersFormErrors(form);
  const name = nameProblem(form.name);
  if (name) errors.name = name;
  if (form.sourceIds.length === 0) errors.sourceIds = NO_SOURCES;
  return errors;
}

const Ids = z.array(z.string().min(1).max(64), { error: "Choose accounts from the list." }).max(20).default([]);

/** The posted form; the filters part is FiltersInput's. */
export const FeedInput = z
  .object({
    name: z.string({ error: "Give the feed a name." }).default(""),
    sourceIds: Ids,
  })
  .superRefine((form, ctx) => {
    const name = nameProblem(form.name);
    if (name) ctx.addIssue({ code: "custom", path: ["name"], message: name });
    if (form.sourceIds.length === 0) ctx.addIssue({ code: "custom", path: ["sourceIds"], message: NO_SOURCES });
  })
  .transform((form) => ({ name: form.name.trim().replace(/\s+/g, " "), sourceIds: [...new Set(form.sourceIds)] }))
  .and(FiltersInput);

export type FeedInput = z.output<typeof FeedInput>;

/** Reads the posted form data (repeated fields as lists) into what FeedInput parses. */
export function feedFormData(form: FormData) {
  return {
    ...Object.fromEntries(form),
    sourceIds: form.getAll("sourceIds"),
    mediaTypes: form.getAll("mediaTypes"),
  };
}

/** zod's issues as one plain message per form field. */
export function feedFieldErrorsOf(error: z.ZodError): FeedFieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "name")] ??= issue.message;
  return errors as FeedFieldErrors;
}
