// Instagram's OAuth redirect lands here, at the top level (outside the admin iframe). Every outcome for
// a shop we know goes back into the Shopify admin, to the Account page, which says what happened.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, Text } from "@shopify/polaris";
import { MessagePage } from "../components/StandalonePage";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { z } from "zod";
import { completeConnection, type ConnectOutcome } from "../accounts/connect.server";
import { connectProblemText, INSTAGRAM_USERNAME } from "../accounts/connect-messages";
import { config } from "../config.server";
import { adminAppUrl } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Instagram" }, { name: "robots", content: "noindex" }];

const text = z.string().max(2048).optional().catch(undefined);
const CallbackQuery = z.object({ state: text, code: text, error: text });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const query = CallbackQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const outcome = await completeConnection(query);
  if (outcome.ok)
    return redirect(adminAppUrl(outcome.shop, `/app/account?connected=${encodeURIComponent(outcome.accountId)}`));
  if (outcome.shop) return redirect(adminAppUrl(outcome.shop, problemPath(outcome)));

  // Only a missing or unrecognised state gets here (with or without a Cancel). The state is the one thing that names the shop:
  // without it we cannot know whose admin to return to, and guessing (a `shop` parameter, a cookie)
  // would let any link bounce a merchant into an admin page of someone's choosing. So this page says
  // what happened and how to get back, and stays a 400: the request itself was not one we can use.
  const { title, body } = connectProblemText(outcome.problem);
  const settings = config();
  const adminUrl = settings.SANDBOX ? `${settings.SHOPIFY_APP_URL}/sandbox` : "https://admin.shopify.com";
  return json({ title, body, adminUrl }, { status: 400, headers: { "Cache-Control": "no-store" } });
};

/** The Account page with `?connect=<problem>`, which it shows as a banner (success is `?connected=<id>`, a toast). */
function problemPath(outcome: Extract<ConnectOutcome, { ok: false }>): string {
  const query = new URLSearchParams({ connect: outcome.problem });
  if (outcome.problem === "different_account") {
    // Names only, never tokens or codes: the account being reconnected by id (the page looks its name
    // up), the approved one by its username, which Instagram's rules keep to [A-Za-z0-9._].
    query.set("account", outcome.accountId);
    if (INSTAGRAM_USERNAME.test(outcome.approvedUsername)) query.set("approved", outcome.approvedUsername);
  }
  return `/app/account?${query}`;
}

export default function InstagramCallback() {
  const { title, body, adminUrl } = useLoaderData<typeof loader>();
  return (
    <MessagePage title={title}>
      <Text as="p">{body}</Text>
      <div>
        <Button variant="primary" url={adminUrl}>
          Go to your Shopify admin
        </Button>
      </div>
    </MessagePage>
  );
}
