"use client";

import { DropdownMenu } from "radix-ui";
import { useNamespaces } from "@/lib/queries/namespaces";
import { useSelectedNamespaces } from "./use-selected-namespaces";
import { Icon } from "@/components/ui/icon";

function summary(selected: string[]): string {
  if (selected.length === 0) return "Select namespaces";
  if (selected.length <= 2) return selected.join(", ");
  return `${selected.length} namespaces`;
}

export function NamespaceSelector() {
  const namespaces = useNamespaces();
  const [selected, setSelected] = useSelectedNamespaces();

  const toggle = (name: string, checked: boolean) =>
    setSelected(checked ? [...selected, name] : selected.filter((n) => n !== name));

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Namespaces"
        className="flex min-w-48 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        <span className="truncate">{summary(selected)}</span>
        <Icon path="M6 9l6 6 6-6" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          className="z-50 max-h-80 min-w-56 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {namespaces.isPending && <div className="px-2 py-1.5 text-slate-500">Loading namespaces…</div>}
          {namespaces.isError && (
            <div role="alert" className="max-w-72 px-2 py-1.5 text-bad">
              Cannot list namespaces: {namespaces.error.message}
            </div>
          )}
          {namespaces.data?.namespaces.length === 0 && (
            <div className="px-2 py-1.5 text-slate-500">The cluster has no namespaces.</div>
          )}
          {namespaces.data?.namespaces.map((ns) => (
            <DropdownMenu.CheckboxItem
              key={ns.name}
              checked={selected.includes(ns.name)}
              onCheckedChange={(checked) => toggle(ns.name, checked === true)}
              onSelect={(event) => event.preventDefault()}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-sky-100 dark:data-[highlighted]:bg-sky-900/50"
            >
              <span className="flex h-4 w-4 items-center justify-center rounded border border-slate-400">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {ns.name}
            </DropdownMenu.CheckboxItem>
          ))}
          {selected.length > 0 && (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
              <DropdownMenu.Item
                onSelect={() => setSelected([])}
                className="cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
                Clear selection
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
