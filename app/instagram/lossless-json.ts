// Instagram sends some user ids as bare JSON numbers with 17+ digits (e.g. 27640875392278831).
// JSON.parse would round them to the nearest double and silently change the id, so every integer
// literal too large to be exact is turned into a string before parsing.
//
// The text is only scanned (no copy) and handed to JSON.parse as it is when it holds no such literal,
// which is the case for every media page (their ids are strings): a page is large, and copying it
// character by character cost a sync more time and memory than parsing it.

const UNSAFE_DIGITS = 16; // Number.MAX_SAFE_INTEGER has 16 digits; shorter integers are always exact.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

export function parseJsonKeepingBigIntegers(text: string): unknown {
  const unsafe = unsafeIntegerLiterals(text);
  if (unsafe.length === 0) return JSON.parse(text);
  let out = "";
  let from = 0;
  for (const [start, end] of unsafe) {
    out += `${text.slice(from, start)}"${text.slice(start, end)}"`;
    from = end;
  }
  return JSON.parse(out + text.slice(from));
}

/** [start, end) of every integer literal outside strings that a double cannot hold exactly. */
function unsafeIntegerLiterals(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
    } else if (code === MINUS || isDigit(code)) {
      const end = endOfNumber(text, i);
      if (isUnsafeInteger(text.slice(i, end))) found.push([i, end]);
      i = end;
    } else {
      i += 1;
    }
  }
  return found;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
  return i + 1;
}

function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && isNumberChar(text.charCodeAt(i))) i += 1;
  return i;
}

/** 0-9 e E . + - */
function isNumberChar(code: number): boolean {
  return isDigit(code) || code === 0x65 || code === 0x45 || code === 0x2e || code === 0x2b || code === MINUS;
}

function isUnsafeInteger(literal: string): boolean {
  if (literal.length < UNSAFE_DIGITS) return false; // short literals are always exact (and the common case)
  const isInteger = /^-?(0|[1-9]\d*)$/.test(literal); // a leading zero is invalid JSON: leave it for JSON.parse to refuse
  if (!isInteger || literal.replace("-", "").length < UNSAFE_DIGITS) return false;
  return !Number.isSafeInteger(Number(literal));
}
