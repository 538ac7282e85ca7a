// The feed form's state and its messages. Each field is checked as the merchant types, with the very
// rules the server checks on save (feedFormErrors): a field's message appears once the merchant pauses or
// leaves the field (not at every keystroke of a word still being typed), and goes as soon as the field is
// right again. The server's messages (a duplicate name, say) belong to the form as it was sent, and go
// once the merchant edits that field.
import { useCallback, useEffect, useRef, useState } from "react";
import { feedFormErrors, type FeedFieldErrors, type FeedForm } from "../../feed/feed-form";

export type FeedField = keyof FeedForm;
/** In the order they appear on the page: the first one with a problem gets the focus on Save. */
export const FEED_FIELDS: FeedField[] = ["name", "sourceIds", "includeWords", "excludeWords", "mediaTypes", "maxPosts"];
/** How long typing must pause before a field's message shows. */
const PAUSE_MS = 600;

export const feedFieldId = (field: FeedField) => `feed-${field}`;

export function useFeedForm(initial: FeedForm, serverErrors: FeedFieldErrors | undefined) {
  const [form, setForm] = useState(initial);
  /** Fields whose message may show: paused on, left, or the merchant pressed Save. */
  const [checked, setChecked] = useState<ReadonlySet<FeedField>>(new Set());
  /** The form as last sent. */
  const [sent, setSent] = useState<FeedForm | null>(null);
  const timers = useRef(new Map<FeedField, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const check = useCallback(
    (field: FeedField) => setChecked((fields) => (fields.has(field) ? fields : new Set([...fields, field]))),
    [],
  );
  const edit = <F extends FeedField>(field: F, value: FeedForm[F], pause = PAUSE_MS) => {
    setForm((current) => ({ ...current, [field]: value }));
    clearTimeout(timers.current.get(field));
    if (pause === 0) check(field);
    else
      timers.current.set(
        field,
        setTimeout(() => check(field), pause),
      );
  };

  const problems = feedFormErrors(form);
  const errors: FeedFieldErrors = {};
  for (const field of FEED_FIELDS) {
    const serverSays =
      sent && JSON.stringify(sent[field]) === JSON.stringify(form[field]) ? serverErrors?.[field] : undefined;
    // A word in both lists is reported under "Leave out", whichever list the merchant was typing in.
    const due = checked.has(field) || (field === "excludeWords" && checked.has("includeWords"));
    const message = (due ? problems[field] : undefined) ?? serverSays;
    if (message) errors[field] = message;
  }

  /** On Save: true when the form can be sent; otherwise every message shows and the first field gets the focus. */
  const ready = (): boolean => {
    const invalid = FEED_FIELDS.filter((field) => problems[field]);
    if (invalid.length === 0) {
      setSent(form);
      return true;
    }
    setChecked(new Set(FEED_FIELDS));
    const first = feedFieldId(invalid[0]!);
    document.querySelector<HTMLElement>(`#${first}, [name^="${first}"]`)?.focus();
    return false;
  };

  /** Starts again from these settings (the latest saved version). */
  const reset = (next: FeedForm) => {
    timers.current.forEach(clearTimeout);
    setForm(next);
    setChecked(new Set());
    setSent(null);
  };

  return { form, errors, problems, edit, check, ready, reset };
}
