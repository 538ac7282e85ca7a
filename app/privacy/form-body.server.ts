// Public endpoints read their bodies through this: a size cap (read incrementally, so a huge body is
// refused without being buffered) and the one content type they accept.
export type FormBodyProblem = { status: 405 | 413 | 415 | 400; message: string };

export async function readUrlEncodedForm(
  request: Request,
  maxBytes = 16 * 1024,
): Promise<URLSearchParams | FormBodyProblem> {
  if (request.method !== "POST") return { status: 405, message: "Use POST." };
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    return { status: 415, message: "Send application/x-www-form-urlencoded." };
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) return { status: 413, message: "The body is too large." };

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      return { status: 413, message: "The body is too large." };
    }
    chunks.push(chunk.value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  return new URLSearchParams(text);
}

export function isProblem(value: URLSearchParams | FormBodyProblem): value is FormBodyProblem {
  return !(value instanceof URLSearchParams);
}
