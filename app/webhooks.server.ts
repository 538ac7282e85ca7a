// Every Shopify webhook goes through here: the library verifies the HMAC (401), the method (405) and the
// headers (400); a correctly signed body that is not JSON is answered 400 too, instead of crashing.
import { authenticate } from "./shopify.server";

export async function verifiedWebhook(request: Request) {
  try {
    return await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof SyntaxError) throw new Response("The body is not JSON.", { status: 400 });
    throw error;
  }
}
