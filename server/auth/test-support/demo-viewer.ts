/**
 * A viewer signed in with a token of the simulator's demo token file (sim/scenarios/demo-tokens.csv,
 * which integration tests hand to the simulator as `tokensPath`): its user `name` carries the token
 * `topsail-demo-<name>`, and the simulator's RBAC decides what they may do.
 */
import type { Viewer } from "../viewer";

export function demoViewer(name: string, groups: string[] = []): Viewer {
  return { name, groups, strategy: "token", credential: { kind: "bearer", token: `topsail-demo-${name}` } };
}
