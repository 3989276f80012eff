/**
 * A config object an explanation names, linked to its editor at the deciding line, with the
 * helper the graph's flag explainer uses (components/istio-config/links.ts).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { objectLineHref } from "@/components/istio-config/links";
import type { ConfigRef } from "@/lib/contracts/request-explanation";

export function ConfigRefLink({ configRef, children }: { configRef: ConfigRef; children?: ReactNode }) {
  const where = configRef.line === undefined ? "" : `, line ${configRef.line}`;
  return (
    <Link
      href={objectLineHref(configRef.kind, configRef.namespace, configRef.name, configRef.line ?? null)}
      className="text-sky-700 underline dark:text-sky-400"
    >
      {children ?? (
        <>
          {configRef.kind} {configRef.namespace}/{configRef.name}
          {where}
        </>
      )}
    </Link>
  );
}

/** Several refs in a row, e.g. the PeerAuthentication and DestinationRule behind a TLS mode. */
export function ConfigRefLinks({ refs }: { refs: readonly ConfigRef[] }) {
  if (refs.length === 0) return null;
  return (
    <ul className="mt-0.5 space-y-0.5 text-xs">
      {refs.map((r) => (
        <li key={`${r.kind}/${r.namespace}/${r.name}/${r.path ?? ""}`}>
          <ConfigRefLink configRef={r} />
        </li>
      ))}
    </ul>
  );
}
