/** Shared look of the config pages' dialogs and buttons. */
export const buttonClass = {
  primary:
    "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800",
  danger:
    "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50",
} as const;

export const overlayClass = "fixed inset-0 z-40 bg-slate-950/40";
export const dialogClass =
  "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(64rem,95vw)] -translate-x-1/2 -translate-y-1/2 space-y-4 overflow-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-800 dark:bg-slate-900";
