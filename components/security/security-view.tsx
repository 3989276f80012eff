"use client";

/** The /security page: per selected namespace, mTLS, its conflicts and the AuthorizationPolicies; then the form. */
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { MessageText } from "@/components/ui/message-text";
import { useSecurityState } from "@/lib/queries/security";
import { MtlsStateView } from "./mtls-state-view";
import { PolicyList } from "./policy-list";
import { PolicyWorkbench } from "./policy-workbench";

function NamespaceSecurity({ namespace }: { namespace: string }) {
  const query = useSecurityState(namespace);
  return (
    <section
      aria-label={`Security of ${namespace}`}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-state={query.isPending ? "loading" : query.error ? "error" : "loaded"}
    >
      <h2 className="text-lg font-semibold">{namespace}</h2>
      {query.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={query.error.message} />
        </p>
      )}
      {query.data && (
        <>
          <MtlsStateView state={query.data} />
          <PolicyList state={query.data} />
        </>
      )}
    </section>
  );
}

export function SecurityView() {
  const [namespaces] = useSelectedNamespaces();
  return (
    <div className="flex flex-col gap-4" data-testid="security-view">
      <h1 className="text-2xl font-semibold">Security</h1>
      {namespaces.length === 0 ? (
        <div
          role="status"
          className="rounded-lg border border-slate-200 bg-white p-5 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <p className="font-semibold">Pick a namespace</p>
          <p>Choose one or more namespaces with the Namespaces selector at the top of the page.</p>
        </div>
      ) : (
        <>
          {namespaces.map((ns) => (
            <NamespaceSecurity key={ns} namespace={ns} />
          ))}
          <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <PolicyWorkbench key={namespaces[0]} namespace={namespaces[0] ?? "default"} />
          </div>
        </>
      )}
    </div>
  );
}
