"use client";

import { useId, useState } from "react";
import { MessageText } from "@/components/ui/message-text";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { inputClass } from "@/components/traffic/fields";
import { useTokenSignIn } from "@/lib/queries/auth";

/** The token strategy's form: a Kubernetes bearer token, checked by the cluster. */
export function TokenSignInForm({ next }: { next: string | null }) {
  const [token, setToken] = useState("");
  const signIn = useTokenSignIn(next);
  const fieldId = useId();
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate({ token });
      }}
    >
      <label htmlFor={fieldId} className="block text-sm font-medium">
        Kubernetes token
      </label>
      <input
        id={fieldId}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        className={`${inputClass} w-full font-mono`}
      />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        For example the output of <code>kubectl create token NAME</code>. The cluster checks it; Topsail then acts as
        you.
      </p>
      {signIn.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          <MessageText text={signIn.error.message} />
        </p>
      ) : null}
      <button type="submit" className={buttonClass.primary} disabled={token.trim() === "" || signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
