// The feed editor's live preview: the posts a feed with these (unsaved) accounts and filters would show,
// exactly as publishing chooses them (previewFeed). Only the shop's own accounts are read; an id of
// another shop's is ignored. Answers with JSON, never a thrown error, so a bad draft never replaces the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import type { PreviewReply } from "../components/feeds/useFeedPreview";
import { previewFeed } from "../feed/feeds.server";
import { FiltersInput, fieldErrorsOf } from "../sync/filters";
import { authenticate } from "../shopify.server";

const SourceIds = z.array(z.string().trim().min(1).max(64)).max(20).catch([]);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const reply = (body: PreviewReply, status = 200) => json(body, { status, headers: { "Cache-Control": "no-store" } });
  const filters = FiltersInput.safeParse({ ...Object.fromEntries(params), mediaTypes: params.getAll("mediaTypes") });
  if (!filters.success) return reply({ ok: false, fieldErrors: fieldErrorsOf(filters.error) }, 400);
  const sourceIds = [...new Set(SourceIds.parse(params.getAll("sourceIds")))];
  return reply({ ok: true, posts: await previewFeed(session.shop, { sourceIds, filters: filters.data }) });
};
