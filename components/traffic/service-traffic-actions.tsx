"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { wizardIdSchema, wizardTitles, type WizardId } from "@/lib/contracts/traffic";
import { useCan } from "@/lib/queries/permissions";
import { buttonClass } from "./fields";
import { WizardDialog } from "./wizard-dialog";
import { wizardEntries } from "./wizard-entries";

/**
 * The traffic wizards of one service, as buttons that open each wizard in a dialog. The
 * open wizard is in the URL (`?wizard=traffic-shifting`), so the graph's node menu can link
 * straight to it and a reload keeps it open. Service pages include this component.
 */
export function ServiceTrafficActions({ namespace, service }: { namespace: string; service: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const parsed = wizardIdSchema.safeParse(params.get("wizard"));
  const open = parsed.success ? parsed.data : null;
  // The wizards write VirtualServices and DestinationRules: hidden from viewers who may not.
  const mayUpdate = useCan(namespace, "updateIstioConfig");
  const mayCreate = useCan(namespace, "createIstioConfig");
  const setOpen = (wizard: WizardId | null) => {
    const next = new URLSearchParams(params);
    if (wizard) next.set("wizard", wizard);
    else next.delete("wizard");
    const query = next.toString();
    router.replace(`${pathname}${query ? `?${query}` : ""}`, { scroll: false });
  };
  if (!mayUpdate || !mayCreate) return null;
  return (
    <section aria-labelledby="traffic-actions-title" className="flex flex-col gap-2">
      <h2 id="traffic-actions-title" className="text-sm font-semibold">
        Traffic management
      </h2>
      <div className="flex flex-wrap gap-2">
        {wizardEntries.map((id) => (
          <button key={id} type="button" className={buttonClass} onClick={() => setOpen(id)}>
            {wizardTitles[id]}
          </button>
        ))}
      </div>
      <WizardDialog
        namespace={namespace}
        service={service}
        wizard={open}
        onSwitch={setOpen}
        onClose={() => setOpen(null)}
      />
    </section>
  );
}
