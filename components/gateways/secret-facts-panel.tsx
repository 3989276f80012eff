"use client";

/** What Topsail learnt of one credential Secret: never its contents, only the certificate's facts. */
import { MessageText } from "@/components/ui/message-text";
import { StatusDot } from "@/components/ui/status-dot";
import type { SecretFacts } from "@/lib/contracts/gateways";

const DAY_MS = 24 * 60 * 60 * 1000;

function expiryText(notAfter: string, now: number): string {
  const days = Math.floor((new Date(notAfter).getTime() - now) / DAY_MS);
  if (days < 0) return `expired ${-days} day${days === -1 ? "" : "s"} ago`;
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
}

export function SecretFactsPanel({
  facts,
  role,
  checkedAt,
}: {
  facts: SecretFacts;
  role: "credential" | "CA";
  /** When the server read the Secret (GatewayDetail.checkedAt). */
  checkedAt: string;
}) {
  const now = new Date(checkedAt).getTime();
  const title = `${role === "CA" ? "CA Secret" : "Secret"} ${facts.namespace}/${facts.name}`;
  if (facts.state === "missing") {
    return (
      <p className="flex items-center gap-2 text-sm">
        <StatusDot state={role === "CA" ? "unknown" : "bad"} />
        {title}: not found
      </p>
    );
  }
  if (facts.state === "forbidden") {
    return (
      <div role="note" className="text-sm">
        <p className="flex items-center gap-2">
          <StatusDot state="unknown" />
          {title}: not checked
        </p>
        <p className="text-slate-600 dark:text-slate-400">
          <MessageText text={facts.message} />
        </p>
      </div>
    );
  }
  const cert = facts.certificate;
  const expired = cert !== null && new Date(cert.notAfter).getTime() <= now;
  return (
    <div className="space-y-1 text-sm">
      <p className="flex items-center gap-2">
        <StatusDot state={cert === null && role === "credential" ? "bad" : expired ? "bad" : "ok"} />
        {title}: keys {facts.keys.join(", ") || "none"}
        {facts.caKey ? ` (CA in ${facts.caKey})` : ""}
      </p>
      {cert && (
        <dl className="grid grid-cols-[8rem_1fr] gap-x-2 text-xs">
          <dt className="text-slate-500">Subject</dt>
          <dd className="font-mono">{cert.subject}</dd>
          <dt className="text-slate-500">Names (SAN)</dt>
          <dd className="font-mono">{cert.dnsNames.join(", ") || "none (CN only)"}</dd>
          <dt className="text-slate-500">Issuer</dt>
          <dd className="font-mono">{cert.issuer}</dd>
          <dt className="text-slate-500">Valid until</dt>
          <dd>
            {cert.notAfter} ({expiryText(cert.notAfter, now)})
          </dd>
        </dl>
      )}
      {!cert && facts.certificateError && (
        <p className="text-xs">
          The certificate in {facts.certificateKey} does not parse: {facts.certificateError}
        </p>
      )}
    </div>
  );
}
