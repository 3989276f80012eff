/**
 * The query of `GET /api/v1/namespaces/{ns}/pods/{pod}/log` as kube-apiserver reads it
 * (core/v1 PodLogOptions) and checks it (ValidatePodLogOptions in
 * kubernetes/pkg/apis/core/validation): unparsable values are 400s with Go's parse
 * messages, out-of-range ones a 422 Invalid on PodLogOptions, listing every problem.
 */
import { z } from "zod";
import { badRequest, StatusError } from "./status-error";
import type { StatusCause } from "../admission/types";

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  sinceSeconds?: number;
  /** Epoch ms. */
  sinceTimeMs?: number;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
}

const GO_INT = /^[+-]?\d+$/;
/** Go's strconv.ParseBool. */
const GO_BOOLS: Record<string, boolean> = {
  "1": true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  "0": false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};
/** RFC 3339 as Go's time.Parse(time.RFC3339) takes it. */
const RFC3339 = z.iso.datetime({ offset: true, local: false });

function intParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return undefined;
  if (!GO_INT.test(text)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

function boolParam(url: URL, name: string): boolean {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return false;
  const value = GO_BOOLS[text];
  if (value === undefined) throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
  return value;
}

function timeParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return undefined;
  if (!RFC3339.safeParse(text).success)
    throw badRequest(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  return Date.parse(text);
}

export function parsePodLogOptions(url: URL, podName: string): PodLogOptions {
  const container = url.searchParams.get("container") ?? "";
  const sinceSeconds = intParam(url, "sinceSeconds");
  const sinceTimeMs = timeParam(url, "sinceTime");
  const tailLines = intParam(url, "tailLines");
  const limitBytes = intParam(url, "limitBytes");
  const options: PodLogOptions = {
    ...(container !== "" ? { container } : {}),
    follow: boolParam(url, "follow"),
    previous: boolParam(url, "previous"),
    timestamps: boolParam(url, "timestamps"),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(sinceTimeMs !== undefined ? { sinceTimeMs } : {}),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
  const causes: StatusCause[] = [];
  if (tailLines !== undefined && tailLines < 0)
    causes.push(invalidValue("tailLines", tailLines, "must be greater than or equal to 0"));
  if (limitBytes !== undefined && limitBytes < 1)
    causes.push(invalidValue("limitBytes", limitBytes, "must be greater than 0"));
  if (sinceSeconds !== undefined && sinceTimeMs !== undefined)
    causes.push({
      reason: "FieldValueForbidden",
      message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
      field: "",
    });
  else if (sinceSeconds !== undefined && sinceSeconds < 1)
    causes.push(invalidValue("sinceSeconds", sinceSeconds, "must be greater than 0"));
  if (causes.length > 0) throw invalidPodLogOptions(podName, causes);
  return options;
}

function invalidValue(field: string, value: number, detail: string): StatusCause {
  return { reason: "FieldValueInvalid", message: `Invalid value: ${value}: ${detail}`, field };
}

/** apimachinery's NewInvalid: each cause as Go's field.Error prints it (`<field>: <body>`, even for the empty path). */
function invalidPodLogOptions(name: string, causes: StatusCause[]): StatusError {
  const text = causes.map((c) => `${c.field ?? ""}: ${c.message}`);
  const joined = text.length === 1 ? text[0] : `[${text.join(", ")}]`;
  return new StatusError(422, "Invalid", `PodLogOptions "${name}" is invalid: ${joined}`, {
    name,
    group: "",
    kind: "PodLogOptions",
    causes,
  });
}
