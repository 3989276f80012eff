"use client";

import { useSession, useSignOut } from "@/lib/queries/auth";

/** The signed-in user's name and, where there is a session to end, a Sign out button. */
export function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  if (!session.data?.signedIn || !session.data.user) return null;
  const { user, groups, strategy } = session.data;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span
        title={groups.length > 0 ? `Groups: ${groups.join(", ")}` : undefined}
        className="text-slate-700 dark:text-slate-300"
        data-testid="signed-in-user"
      >
        {user}
      </span>
      {strategy === "token" || strategy === "openid" ? (
        <button
          type="button"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Sign out
        </button>
      ) : null}
    </div>
  );
}
