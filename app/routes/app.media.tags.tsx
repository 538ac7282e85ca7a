// The products on Media Sources' posts: GET ?itemId= suggests products for a post (from its caption);
// POST tags products (several on one post, or one on several posts) or untags one. Thin: parse, call one
// domain function, answer in the merchant's words with the problem's status.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import {
  TAG_PROBLEMS,
  UNTAGGED_MESSAGE,
  notShownMessage,
  taggedMessage,
  type TagProblem,
} from "../products/product-messages";
import { suggestProducts } from "../products/suggestions.server";
import { SuggestionsQuery, TagAction, type SuggestionView } from "../products/tag-input";
import { tagProducts, untagProduct } from "../products/tags.server";

export type SuggestionsReply = { ok: true; suggestions: SuggestionView[] } | TagProblemReply;
export type TagReply = { ok: true; intent: "tag" | "untag"; message: string; notice?: string } | TagProblemReply;
type TagProblemReply = { ok: false; problem: TagProblem; message: string };

const problem = (name: TagProblem) =>
  json<TagProblemReply>({ ok: false, problem: name, message: TAG_PROBLEMS[name].message }, TAG_PROBLEMS[name].status);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = SuggestionsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem("not_understood");
  const result = await suggestProducts(session.shop, query.data.itemId);
  if (!result.ok) return problem(result.problem);
  return json<SuggestionsReply>(result);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const input = TagAction.safeParse({
    intent: form.get("intent"),
    itemId: form.get("itemId") ?? undefined,
    productId: form.get("productId") ?? undefined,
    itemIds: form.getAll("itemId"),
    productIds: form.getAll("productId"),
  });
  if (!input.success) return problem("not_understood");

  if (input.data.intent === "untag") {
    const result = await untagProduct(session.shop, input.data.itemId, input.data.productId);
    if (!result) return problem("post_not_found");
    return json<TagReply>({ ok: true, intent: "untag", message: UNTAGGED_MESSAGE });
  }
  const result = await tagProducts(session.shop, input.data);
  if (!result.ok) return problem(result.problem);
  return json<TagReply>({
    ok: true,
    intent: "tag",
    message: taggedMessage(result.products, result.posts),
    ...(result.notShown.length ? { notice: notShownMessage(result.notShown) } : {}),
  });
};
