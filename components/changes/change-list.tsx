"use client";

/**
 * Changes as a list, newest first: each row says when, what and who, and opens the change
 * (its diff and the undo) in place. Props only.
 */
import { useState } from "react";
import type { ChangeList as List } from "@/lib/contracts/changes";
import { ChangeDetail } from "./change-detail";
import { describeChange } from "./describe-change";

export function ChangeList({ list, label, onChanged }: { list: List; label: string; onChanged?: () => void }) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (list.changes.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No changes to mesh config in this window.</p>;
  return (
    <div className="space-y-1">
      <ul aria-label={label} className="space-y-1 text-sm">
        {list.changes.map((change) => (
          <li key={change.id} data-change-id={change.id} className="space-y-1">
            <button
              type="button"
              aria-expanded={openId === change.id}
              onClick={() => setOpenId(openId === change.id ? null : change.id)}
              className="w-full rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              {describeChange(change)}
            </button>
            {openId === change.id && (
              <div className="rounded border border-slate-200 p-2 dark:border-slate-700">
                <ChangeDetail change={change} onChanged={onChanged} />
              </div>
            )}
          </li>
        ))}
      </ul>
      {list.truncated && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          The window holds more changes than one answer lists; narrow it to see the oldest.
        </p>
      )}
    </div>
  );
}
