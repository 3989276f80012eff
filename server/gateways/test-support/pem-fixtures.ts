/** The committed test certificates (__fixtures__/README.md), as a Secret's data would carry them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type PemFixture = "ca.crt" | "leaf.key" | "valid.crt" | "wrong-san.crt" | "expired.crt";

export function pem(name: PemFixture): Buffer {
  return readFileSync(join(__dirname, "..", "__fixtures__", name));
}
