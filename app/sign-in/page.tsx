import type { Metadata } from "next";
import Link from "next/link";
import { TokenSignInForm } from "@/components/auth/token-sign-in-form";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { MessageText } from "@/components/ui/message-text";
import { safeReturnPath, signInErrorMessage } from "@/lib/contracts/auth";
import { getConfig } from "@/server/config";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /sign-in?next=/path&error=…: the way in for the configured strategy (TOPSAIL_AUTH_STRATEGY). */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeReturnPath(first(params.next));
  const error = signInErrorMessage(first(params.error));
  const strategy = getConfig().auth.strategy;
  return (
    <div className="mx-auto mt-24 max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <header>
        <h1 className="text-2xl font-semibold">Sign in to Topsail</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Topsail acts as you in the cluster: you see and change what your Kubernetes permissions allow.
        </p>
      </header>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          <MessageText text={error} />
        </p>
      ) : null}
      {strategy === "token" ? <TokenSignInForm next={next} /> : null}
      {strategy === "openid" ? (
        // A navigation, not a fetch: the provider's pages take over the browser.
        <a
          href={`/api/auth/openid/start?next=${encodeURIComponent(next)}`}
          className={`${buttonClass.primary} inline-block`}
        >
          Sign in with OpenID
        </a>
      ) : null}
      {strategy === "header" ? (
        <p className="text-sm">
          Sign-in is handled by the proxy in front of Topsail, and this request did not come through it with a user.
          Open Topsail at the address your team gave you.
        </p>
      ) : null}
      {strategy === "anonymous" ? (
        <p className="text-sm">
          No sign-in is needed: this console acts with its kubeconfig&apos;s credentials.{" "}
          <Link href="/" className="text-sky-700 underline dark:text-sky-400">
            Go to the overview
          </Link>
        </p>
      ) : null}
    </div>
  );
}
