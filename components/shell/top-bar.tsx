"use client";

import { ConnectionIndicator } from "./connection-indicator";
import { NamespaceSelector } from "./namespace-selector";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function TopBar() {
  return (
    <header className="flex h-14 items-center gap-4 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <NamespaceSelector />
      <div className="ml-auto flex items-center gap-3">
        <ConnectionIndicator />
        <ThemeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
