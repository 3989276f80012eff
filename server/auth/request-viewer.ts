/**
 * The viewer of the request being served, read from Next.js's request headers and cookies
 * (`next/headers`), with the console's real configuration and cluster. `respond()`
 * (server/http/to-error-response.ts) calls it once per API request; pages call it through
 * the proxy's redirect.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { getKubeConnection } from "@/server/adapters/kube";
import { reviewToken } from "@/server/adapters/kube/self-subject-review";
import { getConfig } from "@/server/config";
import { resolveViewer, type RequestIdentityInput, type ResolveDeps } from "./resolve-viewer";
import type { Viewer } from "./viewer";

/** The real dependencies of `resolveViewer`. */
export function liveResolveDeps(): ResolveDeps {
  const config = getConfig();
  return {
    auth: config.auth,
    consoleUserName: () => {
      // A console with no cluster still serves its status page: the name is only a label.
      try {
        return getKubeConnection().kubeConfig.getCurrentUser()?.name ?? "kubeconfig user";
      } catch {
        return "kubeconfig user";
      }
    },
    reviewToken: (token) => reviewToken(getKubeConnection(), token, config.kube.timeoutMs),
  };
}

/**
 * The request's identity input, or undefined when called outside a request (a route
 * handler called directly, as the integration tests do): then there are no headers and no
 * cookies, which only the anonymous strategy accepts.
 */
async function requestInput(): Promise<RequestIdentityInput> {
  try {
    const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
    return { headers: headerList, cookie: (name) => cookieStore.get(name)?.value };
  } catch (error) {
    if (error instanceof Error && error.message.includes("outside a request scope")) {
      return { headers: new Headers(), cookie: () => undefined };
    }
    throw error;
  }
}

export async function viewerOfRequest(): Promise<Viewer | undefined> {
  return resolveViewer(await requestInput(), liveResolveDeps());
}
