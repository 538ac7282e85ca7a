// Just enough multipart/form-data parsing for `curl -F` style token requests (text fields only).

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function fieldName(headerBlock: string): string | undefined {
  const disposition = headerBlock.split("\r\n").find((line) => /^content-disposition:/i.test(line));
  return disposition ? /\bname="([^"]*)"/i.exec(disposition)?.[1] : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): URLSearchParams {
  const fields = new URLSearchParams();
  const parts = body.toString("utf8").split(`--${boundary}`);
  // parts[0] is the preamble; the last part starts with "--" (the closing delimiter).
  for (const part of parts.slice(1)) {
    if (part.startsWith("--")) break;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const name = fieldName(part.slice(0, headerEnd));
    if (name === undefined) continue;
    // Each part's value ends with the CRLF that precedes the next delimiter.
    fields.append(name, part.slice(headerEnd + 4).replace(/\r\n$/, ""));
  }
  return fields;
}
