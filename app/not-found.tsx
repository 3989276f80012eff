import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600 dark:text-slate-400">There is no page at this address.</p>
      <Link className="text-sky-700 underline dark:text-sky-400" href="/">
        Go to the overview
      </Link>
    </div>
  );
}
