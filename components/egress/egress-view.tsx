"use client";

/** The /egress page: how traffic leaves the mesh from the selected namespaces (server/egress/README.md). */
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { MessageText } from "@/components/ui/message-text";
import { useEgress } from "@/lib/queries/egress";
import { EgressRouteTable } from "./egress-route-table";
import { OutboundPolicyPanel } from "./outbound-policy-panel";
import { ServiceEntryTable } from "./service-entry-table";
import { TlsOriginationTable } from "./tls-origination-table";

export function EgressView() {
  const [namespaces] = useSelectedNamespaces();
  const query = useEgress(namespaces);
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="egress-view"
      data-state={
        namespaces.length === 0 ? "no-namespaces" : query.isPending ? "loading" : query.error ? "error" : "loaded"
      }
    >
      <h1 className="text-2xl font-semibold">Egress</h1>
      {namespaces.length === 0 && (
        <p role="status" className="text-sm">
          Choose one or more namespaces with the Namespaces selector at the top of the page to see how their traffic
          leaves the mesh.
        </p>
      )}
      {namespaces.length > 0 && query.isPending && (
        <p role="status">Reading the egress config of {namespaces.join(", ")}…</p>
      )}
      {query.error && !query.data && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          <MessageText text={query.error.message} />
        </p>
      )}
      {query.data && (
        <>
          <OutboundPolicyPanel policy={query.data.outboundPolicy} />
          <ServiceEntryTable entries={query.data.serviceEntries} />
          <EgressRouteTable routes={query.data.gatewayRoutes} />
          <TlsOriginationTable rows={query.data.tlsOrigination} />
        </>
      )}
    </div>
  );
}
