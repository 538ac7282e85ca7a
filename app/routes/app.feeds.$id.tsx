// One feed's editor: its name, accounts and filters with the live preview beside them; Save and Delete
// feed. Thin: parse, call one domain function, shape the reply; the page is the shared FeedEditor.
// Another shop's feed, or one deleted since, is "not found" (404) and nothing changes.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import blockStyles from "../../extensions/social-feed/assets/social-feed.css?url";
import { FeedEditor, type FeedActionReply } from "../components/feeds/FeedEditor";
import { FeedInput, feedFieldErrorsOf, feedFormData } from "../feed/feed-form";
import {
  deleteFeed,
  FEED_PROBLEM_STATUS,
  FEED_PROBLEM_TEXT,
  getFeed,
  previewFeed,
  updateFeed,
  type FeedProblem,
} from "../feed/feeds.server";
import { listSources } from "../sync/sources.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Social Feed · ${data?.feed.name ?? "Feed"}` },
];

// The preview is drawn with the storefront block's own stylesheet.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: blockStyles }];

const FeedId = z.string().trim().min(1).max(64);
const Version = z.string().trim().min(1).max(100);

const notFound = () => new Response("Not found", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = FeedId.safeParse(params.id);
  const feed = id.success ? await getFeed(session.shop, id.data) : null;
  if (!feed) throw notFound();
  const sources = (await listSources(session.shop)).map((source) => ({
    id: source.id,
    username: source.username,
    accountStatus: source.accountStatus,
  }));
  const initial = { name: feed.name, sourceIds: feed.sources.map((source) => source.id), filters: feed.filters };
  return json({ feed, sources, initial, preview: await previewFeed(session.shop, initial) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const form = await request.formData();
  const reply = (body: FeedActionReply, status: number) => json(body, status);
  const problem = (problem: FeedProblem) =>
    reply({ ok: false, problem, message: FEED_PROBLEM_TEXT[problem] }, FEED_PROBLEM_STATUS[problem]);
  const id = FeedId.safeParse(params.id);
  if (!id.success) return problem("not_found");

  const intent = form.get("intent");
  if (intent === "delete") {
    if (!(await deleteFeed(session.shop, id.data))) return problem("not_found");
    throw redirect("/app/feeds?done=deleted");
  }
  const version = Version.safeParse(form.get("version"));
  if (intent !== "save" || !version.success) return problem("not_understood");
  const input = FeedInput.safeParse(feedFormData(form));
  if (!input.success) return reply({ ok: false, fieldErrors: feedFieldErrorsOf(input.error) }, 400);

  const result = await updateFeed(session.shop, id.data, version.data, input.data);
  if (!result.ok) {
    if (result.fieldErrors)
      return reply(
        { ok: false, problem: result.problem, fieldErrors: result.fieldErrors },
        FEED_PROBLEM_STATUS[result.problem],
      );
    return problem(result.problem);
  }
  throw redirect("/app/feeds?done=saved");
};

// A feed deleted in another window: the page stays, with the banner saying so, instead of reloading
// into "Page not found".
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as FeedActionReply | undefined)?.problem === "not_found" ? false : defaultShouldRevalidate;

export default function EditFeed() {
  const { feed, sources, initial, preview } = useLoaderData<typeof loader>();
  // A new editor for another feed: nothing of one feed's form carries over to the next.
  return <FeedEditor key={feed.id} feed={feed} initial={initial} sources={sources} preview={preview} />;
}
