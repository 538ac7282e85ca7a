// The Graph `fields` parameter: "id,caption,children{id,media_url}". Modifiers such as ".limit(5)" are
// accepted and ignored; unbalanced braces are a syntax error, as on the real API.

export interface FieldSpec {
  name: string;
  sub?: FieldSpec[]; // present when written with {…}
}

export type FieldsResult = { ok: true; fields: FieldSpec[] } | { ok: false; message: string };

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  list(closing: string | undefined): FieldSpec[] {
    const fields: FieldSpec[] = [];
    while (this.at < this.text.length && this.text[this.at] !== closing) {
      const field = this.field();
      if (field.name) fields.push(field);
      if (this.text[this.at] === ",") this.at++;
      else if (this.at < this.text.length && this.text[this.at] !== closing) throw this.syntax();
    }
    if (closing !== undefined) {
      if (this.text[this.at] !== closing) throw this.syntax();
      this.at++;
    }
    return fields;
  }

  private field(): FieldSpec {
    const name = this.read(/[A-Za-z0-9_]/);
    while (this.text[this.at] === ".") this.modifier();
    if (this.text[this.at] !== "{") return { name };
    this.at++;
    return { name, sub: this.list("}") };
  }

  /** ".limit(5)" and friends: skipped. */
  private modifier(): void {
    this.at++;
    this.read(/[A-Za-z0-9_]/);
    if (this.text[this.at] !== "(") throw this.syntax();
    const end = this.text.indexOf(")", this.at);
    if (end < 0) throw this.syntax();
    this.at = end + 1;
  }

  private read(allowed: RegExp): string {
    const start = this.at;
    while (this.at < this.text.length && allowed.test(this.text[this.at] ?? "")) this.at++;
    return this.text.slice(start, this.at).trim();
  }

  private syntax(): Error {
    return new Error(
      `Syntax error "Expected end of string instead of "${this.text[this.at] ?? ""}"." at character ${this.at}: ${
        this.text
      }`,
    );
  }
}

export function parseFields(text: string | null, defaults: string[]): FieldsResult {
  if (text === null || text.trim() === "") return { ok: true, fields: defaults.map((name) => ({ name })) };
  try {
    return { ok: true, fields: new Parser(text.replace(/\s+/g, "")).list(undefined) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
