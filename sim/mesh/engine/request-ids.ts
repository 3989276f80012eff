/**
 * Request ids, trace ids, span ids and ephemeral ports, drawn from a seeded stream of their
 * own. Keeping them off the engine's main Rng (engine/rng.ts) means that adding or dropping
 * an id never moves a routing, latency or error decision: traffic numbers stay what they
 * were for a seed, with or without access logs and traces.
 */
import { createRng, type Rng } from "./rng";

export interface IdSource {
  /** A UUID v4 string, as Envoy makes `x-request-id`. */
  uuid(): string;
  /** 32 lower-case hex digits (B3/W3C 128-bit trace id). */
  traceId(): string;
  /** 16 lower-case hex digits (a span id). */
  spanId(): string;
  /** The sampling decision made once at the edge: true with probability `percent`/100. */
  sample(percent: number): boolean;
  /** A client port as Linux picks them (net.ipv4.ip_local_port_range 32768–60999). */
  ephemeralPort(): number;
}

/** Mixed into the engine's seed, so the id stream differs from the main stream of the same seed. */
const ID_STREAM = 0x1d5eed;

function hex(rng: Rng, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += rng.int(16).toString(16);
  return out;
}

export function createIdSource(seed: number): IdSource {
  const rng = createRng(seed ^ ID_STREAM);
  return {
    uuid() {
      // Version nibble 4, variant bits 10xx (RFC 9562).
      const variant = (8 + rng.int(4)).toString(16);
      return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${variant}${hex(rng, 3)}-${hex(rng, 12)}`;
    },
    traceId: () => hex(rng, 32),
    spanId: () => hex(rng, 16),
    sample: (percent) => percent >= 100 || (percent > 0 && rng.next() * 100 < percent),
    ephemeralPort: () => 32768 + rng.int(60999 - 32768 + 1),
  };
}
