// Product access, asked the first time the merchant tags products: read_products is an optional scope, so
// App Bridge's Scopes API says whether it's granted and, if not, first our plain explanation, then
// Shopify's own permission screen asks for it. Everything else on the page works without it.
import { useCallback, useState } from "react";
import { Modal, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { SCOPE_DECLINED, SCOPE_EXPLANATION } from "../../products/product-messages";

const PRODUCT_SCOPES = ["read_products", "write_products"];
const UNREACHABLE = "Shopify couldn't be asked about product access just now. Try again in a moment.";

export function useProductAccess(): { ensureAccess: () => Promise<boolean>; modal: JSX.Element } {
  const shopify = useAppBridge();
  /** Resolves the explanation's question: whether the merchant chose to go on to Shopify's screen. */
  const [answer, setAnswer] = useState<((goOn: boolean) => void) | null>(null);

  const ensureAccess = useCallback(async () => {
    try {
      const { granted } = await shopify.scopes.query();
      if (granted.some((scope) => PRODUCT_SCOPES.includes(scope))) return true;
      const goOn = await new Promise<boolean>((resolve) => setAnswer(() => resolve));
      setAnswer(null);
      if (!goOn) return false;
      const reply = await shopify.scopes.request(["read_products"]);
      if (reply.result === "granted-all") return true;
      shopify.toast.show(SCOPE_DECLINED, { duration: 8000 });
      return false;
    } catch {
      setAnswer(null);
      shopify.toast.show(UNREACHABLE, { isError: true });
      return false;
    }
  }, [shopify]);

  const modal = (
    <Modal
      open={answer !== null}
      onClose={() => answer?.(false)}
      title="Allow Social Feed to see your products"
      primaryAction={{ content: "Continue", onAction: () => answer?.(true) }}
      secondaryActions={[{ content: "Not now", onAction: () => answer?.(false) }]}
    >
      <Modal.Section>
        <Text as="p">{SCOPE_EXPLANATION}</Text>
      </Modal.Section>
    </Modal>
  );
  return { ensureAccess, modal };
}
