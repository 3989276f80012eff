import { Suspense, type ReactNode } from "react";
import { RememberNamespaces } from "./remember-namespaces";
import { SideNav } from "./side-nav";
import { TopBar } from "./top-bar";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-1 focus:text-slate-900"
      >
        Skip to content
      </a>
      <Suspense>
        <RememberNamespaces />
        <SideNav />
      </Suspense>
      <div className="flex min-w-0 flex-1 flex-col">
        <Suspense fallback={<div className="h-14 border-b border-slate-200 dark:border-slate-800" />}>
          <TopBar />
        </Suspense>
        <main id="main" className="flex-1 p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
