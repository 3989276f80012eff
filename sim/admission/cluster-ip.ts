/**
 * Service cluster IPs in 10.96.0.0/16, derived from namespace/name so a restart of the
 * simulator hands the same Service the same address (a real allocator is random; nothing
 * reads the value beyond showing it and routing by it).
 */

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function allocateClusterIP(namespace: string, name: string): string {
  const h = fnv1a32(`${namespace}/${name}`);
  const third = (h >>> 8) & 0xff;
  // .0 is the network and 10.96.0.1 is the kubernetes Service; keep the last octet in 2..254.
  const fourth = 2 + ((h & 0xff) % 253);
  return `10.96.${third}.${fourth}`;
}
