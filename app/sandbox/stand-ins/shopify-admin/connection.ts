// Shopify's cursor connections (`first`/`after`, `last`/`before`, `reverse`), with its refusal of a
// connection asked for without `first` or `last` and of pages over 250.
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

const MAX_PAGE = 250;
const cursorOf = (id: string) => Buffer.from(JSON.stringify({ last_id: id })).toString("base64");
const idOfCursor = (cursor: string) => {
  try {
    return String((JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown }).last_id);
  } catch {
    throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
  }
};

export function connection<T extends { id: string }, V>(items: T[], args: ConnectionArgs, view: (item: T) => V) {
  if (args.first == null && args.last == null)
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  if ((args.first ?? 0) > MAX_PAGE || (args.last ?? 0) > MAX_PAGE)
    throw new GraphQLError(`The page size must be at most ${MAX_PAGE}.`, { extensions: { code: "BAD_REQUEST" } });
  const ordered = args.reverse ? [...items].reverse() : items;
  let start = 0;
  let end = ordered.length;
  if (args.after) start = ordered.findIndex((item) => item.id === idOfCursor(args.after!)) + 1;
  if (args.before) {
    const before = ordered.findIndex((item) => item.id === idOfCursor(args.before!));
    if (before >= 0) end = before;
  }
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const page = ordered.slice(start, end);
  return {
    nodes: page.map(view),
    edges: page.map((item) => ({ node: view(item), cursor: cursorOf(item.id) })),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: page[0] ? cursorOf(page[0].id) : null,
      endCursor: page.at(-1) ? cursorOf(page.at(-1)!.id) : null,
    },
  };
}
