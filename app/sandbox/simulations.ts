// What the sandbox's Simulate panel can make happen on Instagram's side (app/sandbox/simulate.server.ts).
export const SIMULATIONS = {
  password_changed: "Change the Instagram password",
  expired: "Let the connection expire",
  failing: "Make renewals fail for 3 days",
  healthy: "Make Instagram answer again",
} as const;

export type Simulation = keyof typeof SIMULATIONS;
