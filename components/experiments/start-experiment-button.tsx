"use client";

/**
 * "Start experiment" for a service: a menu with a canary and a fault injection, each opening
 * the creation form prefilled with the service. Service pages include this component.
 */
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useCan } from "@/lib/queries/permissions";
import { experimentFormHref } from "./experiment-links";

const itemClass =
  "block cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-sky-100 dark:data-[highlighted]:bg-sky-900/50";

export function StartExperimentButton({ namespace, service }: { namespace: string; service: string }) {
  // Hidden from viewers the cluster would refuse (GET /api/auth/permissions).
  if (!useCan(namespace, "startExperiments")) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Start experiment…
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Item asChild className={itemClass}>
            <Link href={experimentFormHref("canary", namespace, service)}>Start canary…</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link href={experimentFormHref("fault", namespace, service)}>Inject fault…</Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
