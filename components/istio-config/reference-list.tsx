/** What the object refers to, each linked when it exists and flagged when it does not. */
import Link from "next/link";
import type { ObjectReference } from "@/lib/contracts/istio-objects";
import { referenceHref } from "./links";

export function ReferenceList({ references }: { references: readonly ObjectReference[] }) {
  return (
    <section aria-labelledby="references-heading" className="space-y-2">
      <h2 id="references-heading" className="text-sm font-semibold">
        References
      </h2>
      {references.length === 0 ? (
        <p className="text-sm text-slate-500">This object refers to no service, gateway, subset or workload.</p>
      ) : (
        <ul aria-label="References" className="space-y-1 text-sm">
          {references.map((ref) => (
            <li key={`${ref.kind}|${ref.namespace}|${ref.name}|${ref.via}|${ref.path}`}>
              <ReferenceItem reference={ref} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReferenceItem({ reference: ref }: { reference: ObjectReference }) {
  const href = referenceHref(ref);
  const label = ref.found ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      {href ? (
        <Link href={href} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      )}
      {ref.via !== ref.name && <span className="text-xs text-slate-500">via {ref.via}</span>}
      {!ref.found && (
        <span className="rounded bg-red-100 px-1.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200">
          not found
        </span>
      )}
    </span>
  );
}
