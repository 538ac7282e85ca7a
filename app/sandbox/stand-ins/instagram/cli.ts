// The offline sandbox's Instagram: `tsx app/sandbox/stand-ins/instagram/cli.ts`, stays up until SIGINT/SIGTERM.
import { startFakeInstagram } from "./index";

const fake = await startFakeInstagram({
  appId: process.env.FAKE_IG_APP_ID ?? "990602627938098",
  appSecret: process.env.FAKE_IG_APP_SECRET ?? "sandbox-instagram-app-secret",
  port: Number(process.env.FAKE_IG_PORT ?? 0),
  publicOrigin: process.env.FAKE_IG_PUBLIC_ORIGIN || undefined,
});
fake.addAccount({ username: "sandbox.studio", accountType: "BUSINESS", name: "Sandbox Studio", mediaCount: 36 });
fake.addAccount({ username: "sandbox.creator", accountType: "MEDIA_CREATOR", name: "Sandbox Creator", mediaCount: 8 });
console.log(`fake instagram listening on ${fake.origin}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await fake.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
