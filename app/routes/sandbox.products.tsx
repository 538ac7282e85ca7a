// The sandbox shop's products for App Bridge's resource picker (app-bridge-stand-in.ts), from Shopify's
// stand-in; refused without read_products, as the real picker shows nothing the app may not read.
import { requireSandbox } from "../sandbox/guard.server";
import { pickerProducts, relayed } from "../sandbox/shopify-controls.server";

export const loader = () => {
  requireSandbox();
  return relayed(pickerProducts);
};
