import { APP_BRIDGE_STAND_IN } from "../sandbox/app-bridge-stand-in";
import { requireSandbox } from "../sandbox/guard.server";

export const loader = () => {
  requireSandbox();
  return new Response(APP_BRIDGE_STAND_IN, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};
