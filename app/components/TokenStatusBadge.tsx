import { Badge } from "@shopify/polaris";
import type { TokenHealth } from "../accounts/health";

const BADGES: Record<TokenHealth, { tone: "success" | "warning" | "critical"; label: string }> = {
  active: { tone: "success", label: "Active" },
  expires_soon: { tone: "warning", label: "Expires soon" },
  expired: { tone: "critical", label: "Expired" },
  needs_reconnect: { tone: "critical", label: "Needs reconnect" },
};

export function TokenStatusBadge({ health }: { health: TokenHealth }) {
  const { tone, label } = BADGES[health];
  return <Badge tone={tone}>{label}</Badge>;
}
