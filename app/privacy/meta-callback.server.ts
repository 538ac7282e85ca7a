// The shared front door of Meta's callbacks: a form POST with a verified `signed_request`, or a 4xx.
import { json } from "@remix-run/node";
import { config } from "../config.server";
import { isProblem, readUrlEncodedForm } from "./form-body.server";
import { verifySignedRequest, type SignedRequest } from "./signed-request.server";

export async function verifiedMetaCallback(request: Request): Promise<SignedRequest | Response> {
  const form = await readUrlEncodedForm(request);
  if (isProblem(form)) return json({ error: form.message }, { status: form.status });
  const signed = form.get("signed_request");
  if (!signed) return json({ error: "signed_request is missing." }, { status: 400 });
  const verified = verifySignedRequest(signed, config().INSTAGRAM_APP_SECRET);
  if (!verified) return json({ error: "signed_request is not valid." }, { status: 400 });
  return verified;
}
