"use client";

import type { CircuitBreakerInput } from "@/lib/contracts/traffic";
import { NumberField, TextField } from "./fields";

/** The DestinationRule's connection pool and outlier detection; an empty field keeps Istio's default. */
export function CircuitBreakerForm({
  value,
  onChange,
}: {
  value: CircuitBreakerInput;
  onChange(value: CircuitBreakerInput): void;
}) {
  const set =
    <K extends keyof CircuitBreakerInput>(key: K) =>
    (v: CircuitBreakerInput[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-wrap gap-4 rounded border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-sm font-medium">Connection pool</legend>
        <NumberField
          label="Max connections"
          value={value.maxConnections}
          min={1}
          placeholder="unlimited"
          onChange={set("maxConnections")}
          errorKey="maxConnections"
        />
        <NumberField
          label="Max pending HTTP/1.1 requests"
          value={value.http1MaxPendingRequests}
          min={1}
          placeholder="unlimited"
          onChange={set("http1MaxPendingRequests")}
          errorKey="http1MaxPendingRequests"
        />
        <NumberField
          label="Max requests per connection"
          value={value.maxRequestsPerConnection}
          min={1}
          placeholder="unlimited"
          onChange={set("maxRequestsPerConnection")}
          errorKey="maxRequestsPerConnection"
        />
      </fieldset>
      <fieldset className="flex flex-wrap gap-4 rounded border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-sm font-medium">Outlier detection</legend>
        <NumberField
          label="Consecutive 5xx errors"
          value={value.consecutive5xxErrors}
          min={1}
          placeholder="5"
          onChange={set("consecutive5xxErrors")}
          errorKey="consecutive5xxErrors"
        />
        <TextField
          label="Interval"
          value={value.interval}
          placeholder="10s"
          onChange={set("interval")}
          errorKey="interval"
        />
        <TextField
          label="Base ejection time"
          value={value.baseEjectionTime}
          placeholder="30s"
          onChange={set("baseEjectionTime")}
          errorKey="baseEjectionTime"
        />
        <NumberField
          label="Max ejection percent"
          value={value.maxEjectionPercent}
          min={0}
          max={100}
          placeholder="10"
          onChange={set("maxEjectionPercent")}
          errorKey="maxEjectionPercent"
        />
      </fieldset>
    </div>
  );
}
