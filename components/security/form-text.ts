/** The policy form's text fields ↔ lists: comma or newline separated entries, `key=value` labels. */
import type { AuthorizationPolicyFields, AuthorizationPolicyForm } from "@/lib/contracts/security";

export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `app=reviews, version=v1` → labels; an entry without `=` is returned in `invalid`. */
export function parseLabels(text: string): { labels: Record<string, string>; invalid: string[] } {
  const labels: Record<string, string> = {};
  const invalid: string[] = [];
  for (const entry of parseList(text)) {
    const at = entry.indexOf("=");
    if (at <= 0 || at === entry.length - 1) invalid.push(entry);
    else labels[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return { labels, invalid };
}

export interface PolicyFormText {
  namespace: string;
  name: string;
  action: AuthorizationPolicyFields["action"];
  provider: string;
  selector: string;
  principals: string;
  namespaces: string;
  paths: string;
  methods: string;
  plaintextCallers: boolean;
  noRules: boolean;
}

export function toPolicyForm(text: PolicyFormText): AuthorizationPolicyForm {
  return {
    namespace: text.namespace,
    name: text.name.trim(),
    action: text.action,
    ...(text.action === "CUSTOM" ? { provider: text.provider.trim() } : {}),
    selector: parseLabels(text.selector).labels,
    principals: parseList(text.principals),
    namespaces: parseList(text.namespaces),
    paths: parseList(text.paths),
    methods: parseList(text.methods),
    plaintextCallers: text.plaintextCallers,
    noRules: text.noRules,
  };
}

export function fromPolicyFields(fields: AuthorizationPolicyFields): PolicyFormText {
  return {
    namespace: fields.namespace,
    name: fields.name,
    action: fields.action,
    provider: fields.provider ?? "",
    selector: Object.entries(fields.selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(", "),
    principals: fields.principals.join("\n"),
    namespaces: fields.namespaces.join(", "),
    paths: fields.paths.join(", "),
    methods: fields.methods.join(", "),
    plaintextCallers: fields.plaintextCallers,
    noRules: fields.noRules,
  };
}
