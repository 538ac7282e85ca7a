// A new feed: its name, accounts and filters, with the live preview beside them. Thin: parse, call one
// domain function, shape the reply; the page is the shared FeedEditor.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import blockStyles from "../../extensions/social-feed/assets/social-feed.css?url";
import { FeedEditor, type FeedActionReply } from "../components/feeds/FeedEditor";
import { NEW_FEED_FILTERS } from "../components/feeds/feed-draft";
import { FeedInput, feedFieldErrorsOf, feedFormData } from "../feed/feed-form";
import {
  createFeed,
  FEED_PROBLEM_STATUS,
  FEED_PROBLEM_TEXT,
  previewFeed,
  type FeedProblem,
} from "../feed/feeds.server";
import { listSources } from "../sync/sources.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Social Feed · Create feed" }];

// The preview is drawn with the storefront block's own stylesheet.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: blockStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const sources = (await listSources(session.shop)).map(({ id, username, accountStatus }) => ({
    id,
    username,
    accountStatus,
  }));
  // With one account there is nothing to choose: it is ticked. With several, the merchant chooses.
  const initial = { name: "", sourceIds: sources.length === 1 ? [sources[0]!.id] : [], filters: NEW_FEED_FILTERS };
  const preview = initial.sourceIds.length ? await previewFeed(session.shop, initial) : [];
  return json({ sources, initial, preview });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const form = await request.formData();
  const reply = (body: FeedActionReply, status: number) => json(body, status);
  const problem = (problem: FeedProblem) =>
    reply({ ok: false, problem, message: FEED_PROBLEM_TEXT[problem] }, FEED_PROBLEM_STATUS[problem]);
  if (form.get("intent") !== "save") return problem("not_understood");
  const input = FeedInput.safeParse(feedFormData(form));
  if (!input.success) return reply({ ok: false, fieldErrors: feedFieldErrorsOf(input.error) }, 400);

  const result = await createFeed(session.shop, input.data);
  if (!result.ok) {
    if (result.fieldErrors)
      return reply(
        { ok: false, problem: result.problem, fieldErrors: result.fieldErrors },
        FEED_PROBLEM_STATUS[result.problem],
      );
    return problem(result.problem);
  }
  throw redirect("/app/feeds?done=created");
};

export default function NewFeed() {
  const { sources, initial, preview } = useLoaderData<typeof loader>();
  return <FeedEditor feed={null} initial={initial} sources={sources} preview={preview} />;
}
