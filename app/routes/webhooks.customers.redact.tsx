import type { ActionFunctionArgs } from "@remix-run/node";
import { complianceWebhook } from "../privacy/compliance-webhook.server";

export const action = ({ request }: ActionFunctionArgs) => complianceWebhook(request);
