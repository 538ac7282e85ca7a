// Instagram sends some user ids as bare JSON numbers with 17+ digits (e.g. 27640875392278831).
// JSON.parse would round them to the nearest double and silently change the id, so every integer
// literal too large to be exact is turned into a string before parsing.

const UNSAFE_DIGITS = 16; // Number.MAX_SAFE_INTEGER has 16 digits; shorter integers are always exact.

export function parseJsonKeepingBigIntegers(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      const end = endOfNumber(text, i);
      out += quoteIfUnsafe(text.slice(i, end));
      i = end;
    } else {
      out += char;
      i += 1;
    }
  }
  return JSON.parse(out);
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text[i]!)) i += 1;
  return i;
}

function quoteIfUnsafe(literal: string): string {
  const isInteger = /^-?(0|[1-9]\d*)$/.test(literal); // a leading zero is invalid JSON: leave it for JSON.parse to refuse
  if (!isInteger || literal.replace("-", "").length < UNSAFE_DIGITS) return literal;
  return Number.isSafeInteger(Number(literal)) ? literal : `"${literal}"`;
}
