import type { ActionFunctionArgs } from "@remix-run/node";
import { shopRedactWebhook } from "../privacy/compliance-webhook.server";

export const action = ({ request }: ActionFunctionArgs) => shopRedactWebhook(request);
