// The status page Meta links people to after a data-deletion request.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { findDeletionRequest } from "../privacy/instagram-user.server";

export const meta: MetaFunction = () => [
  { title: "Social Feed · Data deletion" },
  { name: "robots", content: "noindex" },
];

const Code = z.string().regex(/^[a-f0-9]{24}$/);

export const loader = async ({ params }: LoaderFunctionArgs) => {
  const code = Code.safeParse(params.code);
  const request = code.success ? await findDeletionRequest(code.data) : null;
  if (!request) return json({ found: false as const, code: null, completedAt: null }, { status: 404 });
  return json({ found: true as const, code: code.data!, completedAt: request.completedAt?.toISOString() ?? null });
};

export default function DeletionStatus() {
  const status = useLoaderData<typeof loader>();
  return (
    <main style={{ maxWidth: 560, margin: "48px auto", padding: "0 16px", font: "16px/1.5 system-ui, sans-serif" }}>
      <h1>Data deletion request</h1>
      {status.found ? (
        <>
          <p>
            Confirmation code: <code>{status.code}</code>
          </p>
          <p>
            {status.completedAt
              ? `Done. Social Feed deleted the Instagram data it held for you on ${status.completedAt.slice(0, 10)}: access tokens, connected accounts and copies of posts.`
              : "Your request was received and is being processed."}
          </p>
        </>
      ) : (
        <p>We could not find a request with this confirmation code. Check the link Instagram gave you.</p>
      )}
    </main>
  );
}
