"use client";

/**
 * /mesh: the control plane, the gateways, the sidecar injector and the proxies' sync status (those of the selected
 * namespaces, and the gateways), refreshed often.
 */
import { useMesh } from "@/lib/queries/mesh";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { Notice } from "@/components/inventory/item-parts";
import { MessageText } from "@/components/ui/message-text";
import { ControlPlanePanel } from "./control-plane-panel";
import { GatewaysPanel } from "./gateways-panel";
import { proxiesInView } from "./proxies-in-view";
import { ProxySyncTable } from "./proxy-sync-table";
import { SidecarInjectorPanel } from "./sidecar-injector-panel";

export function MeshView() {
  const mesh = useMesh();
  const [selected] = useSelectedNamespaces();
  if (mesh.isPending) return <Notice tone="info">Reading the mesh…</Notice>;
  if (mesh.isError)
    return (
      <Notice tone="error">
        <MessageText text={mesh.error.message} />
      </Notice>
    );
  const { controlPlane, gateways, sidecarInjector, proxies, syncError } = mesh.data;
  // istiod, the gateways and the injector serve the whole mesh; the proxies follow the top bar's selection.
  const { shown, hidden } = proxiesInView(proxies, selected);
  const unsynced = shown.filter((p) => p.overall !== "SYNCED").length;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-2">
        <ControlPlanePanel controlPlane={controlPlane} />
        <GatewaysPanel gateways={gateways} />
      </div>
      <SidecarInjectorPanel injector={sidecarInjector} />
      <section aria-labelledby="proxies-heading" className="space-y-2">
        <h2 id="proxies-heading" className="text-lg font-medium">
          Proxy sync status
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          What istiod sent each proxy and whether the proxy acknowledged it (istiod&apos;s /debug/syncz, as istioctl
          proxy-status reads it). {shown.length} proxies, {unsynced === 0 ? "all SYNCED" : `${unsynced} not SYNCED`}.
          {hidden > 0 &&
            ` The sidecars of ${selected.join(", ")} and every gateway; ${hidden} more in other namespaces.`}
        </p>
        {syncError && (
          <Notice tone="error">
            <MessageText text={syncError} />
          </Notice>
        )}
        <ProxySyncTable proxies={shown} />
      </section>
    </div>
  );
}
