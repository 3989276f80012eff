"use client";

/** The form of "Expose this service": host, HTTP or HTTPS (with the credential Secret's name), and the service port. */
import { LabelledField } from "@/components/ui/labelled-field";
import { inputClass } from "./fields";
import { useFieldError } from "./form-errors-context";

export interface ExposeFormValue {
  protocol: "HTTP" | "HTTPS";
  host: string;
  servicePort: number;
  credentialName: string;
}

export function ExposeServiceForm({
  value,
  ports,
  onChange,
}: {
  value: ExposeFormValue;
  ports: { port: number; name?: string }[];
  onChange(next: ExposeFormValue): void;
}) {
  const set = (patch: Partial<ExposeFormValue>) => onChange({ ...value, ...patch });
  const host = useFieldError("host");
  const credential = useFieldError("credentialName");
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <LabelledField label="Host" hint="The Host header clients send, e.g. httpbin.example.com" error={host.error}>
        {(id, aria) => (
          <input
            id={id}
            className={inputClass}
            value={value.host}
            placeholder="httpbin.example.com"
            onChange={(e) => set({ host: e.target.value.trim().toLowerCase() })}
            onBlur={host.onBlur}
            {...aria}
          />
        )}
      </LabelledField>
      <LabelledField label="Service port">
        {(id) => (
          <select
            id={id}
            className={inputClass}
            value={value.servicePort}
            onChange={(e) => set({ servicePort: Number(e.target.value) })}
          >
            {ports.map((p) => (
              <option key={p.port} value={p.port}>
                {p.port}
                {p.name ? ` (${p.name})` : ""}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">Protocol</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked={value.protocol === "HTTP"} onChange={() => set({ protocol: "HTTP" })} />
          HTTP on port 80
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked={value.protocol === "HTTPS"} onChange={() => set({ protocol: "HTTPS" })} />
          HTTPS on port 443 (TLS SIMPLE)
        </label>
      </fieldset>
      {value.protocol === "HTTPS" && (
        <LabelledField
          label="Credential Secret"
          hint="An existing Secret in the ingress gateway's namespace (tls.crt and tls.key); Preview checks it"
          error={credential.error}
        >
          {(id, aria) => (
            <input
              id={id}
              className={inputClass}
              value={value.credentialName}
              placeholder="httpbin-credential"
              onChange={(e) => set({ credentialName: e.target.value.trim() })}
              onBlur={credential.onBlur}
              {...aria}
            />
          )}
        </LabelledField>
      )}
    </div>
  );
}
