"use client";

/**
 * Opens a wizard from places that hold no React state of their own for it — the graph's
 * node menu is data (`node-menu-items.ts`) whose items only get a node. The first call
 * mounts one dialog host at the end of <body>, in the page's query client: an apply then
 * invalidates the very graph query the page shows (lib/queries/mesh-changed.ts), so the
 * graph refetches at once. Later calls reuse the host.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { createRoot } from "react-dom/client";
import type { WizardId } from "@/lib/contracts/traffic";
import { WizardDialog } from "./wizard-dialog";

interface OpenWizard {
  namespace: string;
  service: string;
  wizard: WizardId;
}

let current: OpenWizard | null = null;
const listeners = new Set<() => void>();
const publish = (next: OpenWizard | null) => {
  current = next;
  listeners.forEach((l) => l());
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function LauncherHost() {
  const open = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  if (!open) return null;
  return (
    <WizardDialog
      namespace={open.namespace}
      service={open.service}
      wizard={open.wizard}
      onSwitch={(wizard) => publish({ ...open, wizard })}
      onClose={() => publish(null)}
    />
  );
}

let mounted = false;

export function openWizard(target: OpenWizard, client: QueryClient): void {
  if (!mounted) {
    mounted = true;
    const host = document.createElement("div");
    host.dataset.wizardHost = "";
    document.body.appendChild(host);
    createRoot(host).render(
      <QueryClientProvider client={client}>
        <LauncherHost />
      </QueryClientProvider>,
    );
  }
  publish(target);
}
