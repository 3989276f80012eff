"use client";

import { DropdownMenu } from "radix-ui";
import type { Point } from "@/lib/graph-view/layout";
import type { ViewNode } from "@/lib/graph-view/view-model";
import { useCanAll } from "@/lib/queries/permissions";
import { nodeMenuItems, type NodeMenuContext } from "./node-menu-items";
import { inaccessibleText } from "./panel-parts";

const itemClass =
  "cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-sky-100 dark:data-[highlighted]:bg-sky-900/50";

/** Menu items for a node, shared by the canvas's menu and the list's menu button. */
export function NodeMenuItems({ node, context }: { node: ViewNode; context: NodeMenuContext }) {
  // Rows that change something are hidden from viewers the cluster would refuse.
  const can = useCanAll(node.namespace);
  return (
    <>
      <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-slate-500">{node.title}</DropdownMenu.Label>
      {node.isInaccessible && (
        <DropdownMenu.Label className="max-w-64 px-2 pb-1 text-xs text-slate-600 dark:text-slate-400">
          {inaccessibleText(node.namespace)}
        </DropdownMenu.Label>
      )}
      {nodeMenuItems
        .filter((item) => item.appliesTo(node) && can(item.requires ?? []))
        .map((item) => (
          <DropdownMenu.Item key={item.id} className={itemClass} onSelect={() => item.run(node, context)}>
            {item.label}
          </DropdownMenu.Item>
        ))}
    </>
  );
}

export const menuContentClass =
  "z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900";

/**
 * The node menu (right click or the menu key on the canvas, or a list row's ⋯ button): one
 * controlled Radix menu anchored at a point, since the canvas has no DOM element per node.
 */
export function NodeContextMenu({
  node,
  at,
  context,
  onClose,
  returnFocus,
}: {
  node: ViewNode | undefined;
  at: Point | null;
  context: NodeMenuContext;
  onClose: () => void;
  /** Where keyboard focus goes back to when the menu closes (the button or the canvas). */
  returnFocus?: HTMLElement | null;
}) {
  if (!node || !at) return null;
  return (
    <DropdownMenu.Root open onOpenChange={(open) => !open && onClose()} modal={false}>
      <DropdownMenu.Trigger asChild>
        <span aria-hidden="true" className="pointer-events-none fixed h-px w-px" style={{ left: at.x, top: at.y }} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          className={menuContentClass}
          aria-label={`Actions for ${node.title}`}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus?.focus();
          }}
        >
          <NodeMenuItems node={node} context={context} />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
