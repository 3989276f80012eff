/** Deterministic hashes and names as Kubernetes forms them. */

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** JSON with sorted keys, so equal templates hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** k8s.io/apimachinery/pkg/util/rand alphabet: no vowels or confusable characters. */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString: maps each character onto the alphabet. */
export function safeEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** controller.ComputeHash: FNV-32a of the pod template, safe-encoded, as in `reviews-v1-6b9f8c7d4`. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = stableStringify(template) + (collisionCount > 0 ? String(collisionCount) : "");
  return safeEncode(String(fnv1a32(text)));
}

/** mulberry32: small, fast, seedable; the simulator's runs are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSuffix(random: () => number, length = 5): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return out;
}

/** A stable 64-hex-digit id (container and image IDs) derived from text. */
export function hexId(text: string): string {
  let out = "";
  for (let i = 0; out.length < 64; i++) out += fnv1a32(`${i}:${text}`).toString(16).padStart(8, "0");
  return out.slice(0, 64);
}
