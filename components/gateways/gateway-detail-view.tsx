"use client";

/** /gateways/<ns>/<name>: a Gateway's findings, the gateway workloads it selects, and each of its servers. */
import Link from "next/link";
import { objectHref } from "@/components/istio-config/links";
import { MessageText } from "@/components/ui/message-text";
import { StatusDot } from "@/components/ui/status-dot";
import { useGatewayDetail } from "@/lib/queries/gateways";
import { GatewayServerCard } from "./gateway-server-card";

const dot = { error: "bad", warning: "warn", info: "unknown" } as const;

export function GatewayDetailView({ namespace, name }: { namespace: string; name: string }) {
  const query = useGatewayDetail(namespace, name);
  const detail = query.data;
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="gateway-detail"
      data-state={query.isPending ? "loading" : query.error ? "error" : "loaded"}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Gateway {name} <span className="text-base font-normal text-slate-500">in {namespace}</span>
        </h1>
        <Link
          className="text-sm text-sky-700 underline dark:text-sky-300"
          href={objectHref("Gateway", namespace, name, namespace)}
        >
          Edit YAML
        </Link>
      </div>
      {query.isPending && <p role="status">Reading Gateway {name}…</p>}
      {query.error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          <MessageText text={query.error.message} />
        </p>
      )}
      {detail && (
        <>
          <section aria-labelledby="gateway-findings" className="space-y-1">
            <h2 id="gateway-findings" className="font-semibold">
              Validation
            </h2>
            {detail.checks.length === 0 ? (
              <p className="text-sm">No findings.</p>
            ) : (
              <ul aria-label="Gateway findings" className="space-y-1 text-sm">
                {detail.checks.map((c, i) => (
                  <li key={`${c.code}-${c.path}-${i}`} className="flex items-start gap-2">
                    <span className="mt-1.5">
                      <StatusDot state={dot[c.severity]} />
                    </span>
                    <span>
                      <span className="font-mono text-xs text-slate-500">
                        {c.code} · {c.severity} · {c.path}
                      </span>
                      <span className="block">
                        <MessageText text={c.message} />
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="gateway-workloads" className="space-y-1">
            <h2 id="gateway-workloads" className="font-semibold">
              Gateway workloads
            </h2>
            <p className="text-xs text-slate-500">
              Selector:{" "}
              <span className="font-mono">
                {Object.entries(detail.selector)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(", ") || "none"}
              </span>
            </p>
            {detail.workloads.length === 0 ? (
              <p className="text-sm">No pod you may see carries these labels: no proxy serves this Gateway.</p>
            ) : (
              <ul className="text-sm">
                {detail.workloads.map((w) => (
                  <li key={`${w.namespace}/${w.name}`}>
                    {w.namespace}/{w.name}:{" "}
                    <span className="font-mono text-xs">{w.pods.map((p) => `${p.name} (${p.phase})`).join(", ")}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="gateway-servers" className="space-y-2">
            <h2 id="gateway-servers" className="font-semibold">
              Servers
            </h2>
            {detail.servers.map((server) => (
              <GatewayServerCard key={server.index} server={server} checkedAt={detail.checkedAt ?? ""} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
