/**
 * Reads the YAML a user typed or pasted into one Istio object, or says precisely what is
 * wrong with it — each problem with its line and column — before anything reaches the
 * cluster: YAML syntax, several documents, not an object, a kind or apiVersion Istio does
 * not serve (naming the ones it does), no or a bad name, a namespace other than the page's,
 * a renamed object, and envelope fields of the wrong type. The spec itself is left to the
 * validation engine (istiod's checks) and to the API server's dry-run (its schema).
 */
import "server-only";
import { isScalar, LineCounter, parseAllDocuments, type Document } from "yaml";
import type { InputProblem, InputProblemCode, YamlTarget } from "@/lib/contracts/istio-objects";
import {
  isServedApiVersion,
  istioKinds,
  resolveIstioKind,
  unknownKindMessage,
  type IstioKindInfo,
} from "@/lib/istio/kinds";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { toEditableObject } from "./editable-yaml";
import { locatePath } from "./locate-path";
import { findYamlShapeProblem } from "./yaml-shape";

export interface ParsedIstioYaml {
  object: StoredIstioObject;
  document: Document;
  lineCounter: LineCounter;
}

export type ParseIstioYamlResult = { ok: true; parsed: ParsedIstioYaml } | { ok: false; problems: InputProblem[] };

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_SYNTAX_PROBLEMS = 5;

function isEmptyDocument(document: Document): boolean {
  return document.contents === null || (isScalar(document.contents) && document.contents.value === null);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function servedApiVersions(info: IstioKindInfo): string[] {
  return ["v1", "v1beta1", "v1alpha3"]
    .map((v) => `${info.group}/${v}`)
    .filter((apiVersion) => isServedApiVersion(info, apiVersion));
}

function isObjectRef(target: YamlTarget): target is Extract<YamlTarget, { kind: string }> {
  return "kind" in target;
}

/** Checks the envelope of one parsed document; returns problems located at their paths. */
function checkEnvelope(
  value: Record<string, unknown>,
  target: YamlTarget,
  at: (code: InputProblemCode, path: string, message: string) => InputProblem,
): { problems: InputProblem[]; info?: IstioKindInfo } {
  const problems: InputProblem[] = [];
  const { apiVersion, kind, metadata, spec } = value;
  let info: IstioKindInfo | undefined;

  if (typeof kind !== "string" || kind === "") {
    problems.push(
      at("unknown_kind", "kind", `Give the object's kind, one of ${istioKinds.map((k) => k.kind).join(", ")}.`),
    );
  } else {
    info = istioKinds.find((k) => k.kind === kind);
    const near = info ? undefined : resolveIstioKind(kind);
    if (!info) {
      problems.push(
        at(
          "unknown_kind",
          "kind",
          near
            ? `kind "${kind}" is not a kind name: write "${near.kind}".`
            : `"${kind}" is not an Istio kind; the served kinds are ${istioKinds.map((k) => k.kind).join(", ")}.`,
        ),
      );
    }
  }
  if (info) {
    const served = servedApiVersions(info);
    if (typeof apiVersion !== "string" || !served.includes(apiVersion)) {
      const given =
        typeof apiVersion === "string"
          ? `apiVersion "${apiVersion}" is not served for ${info.kind}`
          : `Give the apiVersion of the ${info.kind}`;
      problems.push(at("unknown_api_version", "apiVersion", `${given}; the served versions are ${served.join(", ")}.`));
    }
  }

  if (!isRecord(metadata)) {
    problems.push(at("missing_name", "metadata", "Give the object a metadata section with a name (metadata.name)."));
  } else {
    const { name, namespace, labels, annotations } = metadata;
    if (typeof name !== "string" || name === "")
      problems.push(at("missing_name", "metadata", "Give the object a name (metadata.name)."));
    else if (name.length > 253 || !SUBDOMAIN.test(name)) {
      problems.push(
        at(
          "invalid_name",
          "metadata/name",
          `metadata.name "${name}" must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.`,
        ),
      );
    }
    if (namespace !== undefined && namespace !== target.namespace) {
      problems.push(
        at(
          "namespace_mismatch",
          "metadata/namespace",
          `metadata.namespace is "${String(namespace)}" but this page works in namespace "${target.namespace}": change it to ${target.namespace} or remove the line.`,
        ),
      );
    }
    if (isObjectRef(target) && info && typeof name === "string" && name !== "") {
      const wanted = resolveIstioKind(target.kind);
      // A page kind that does not resolve names no object: refuse, never skip the check.
      if (!wanted)
        problems.push(at("identity_mismatch", "kind", `This page's kind ${unknownKindMessage(target.kind)}`));
      else if (wanted.kind !== info.kind || name !== target.name) {
        problems.push(
          at(
            "identity_mismatch",
            wanted.kind !== info.kind ? "kind" : "metadata/name",
            `This page edits ${wanted.kind} ${target.name}; to make a ${info.kind} ${name}, create a new object instead of renaming this one.`,
          ),
        );
      }
    }
    for (const [field, map] of [
      ["labels", labels],
      ["annotations", annotations],
    ] as const) {
      if (map === undefined) continue;
      if (!isRecord(map) || Object.values(map).some((v) => typeof v !== "string")) {
        problems.push(
          at(
            "schema",
            `metadata/${field}`,
            `metadata.${field} must map names to strings (quote numbers and booleans, e.g. "true").`,
          ),
        );
      }
    }
  }
  if (spec !== undefined && !isRecord(spec))
    problems.push(at("schema", "spec", "spec must be a mapping of fields, not a list or a single value."));
  return { problems, info };
}

export function parseIstioYaml(text: string, target: YamlTarget): ParseIstioYamlResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: true });
  const documents = Array.isArray(parsed) ? parsed : [];

  const syntax = documents.flatMap((d) => d.errors).slice(0, MAX_SYNTAX_PROBLEMS);
  if (syntax.length > 0) {
    return {
      ok: false,
      problems: syntax.map((error) => {
        const pos = error.linePos?.[0];
        // prettyErrors appends " at line L, column C:" and a source excerpt; the editor shows both already.
        const message = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
        return {
          code: "yaml_syntax",
          message: `YAML syntax: ${message}${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`,
          line: pos?.line ?? null,
          column: pos?.col ?? null,
        };
      }),
    };
  }

  const nonEmpty = documents.filter((d) => !isEmptyDocument(d));
  if (nonEmpty.length === 0)
    return {
      ok: false,
      problems: [{ code: "empty", message: "The YAML is empty: write one Istio object.", line: null, column: null }],
    };
  if (nonEmpty.length > 1) {
    const second = lineCounter.linePos(nonEmpty[1]?.range[0] ?? 0);
    return {
      ok: false,
      problems: [
        {
          code: "multiple_documents",
          message: `The text holds ${nonEmpty.length} YAML documents; here you edit one object. Remove the document starting at line ${second.line} (after its ---) and create it separately.`,
          line: second.line,
          column: second.col,
        },
      ],
    };
  }

  const document = nonEmpty[0] as Document;
  const shape = findYamlShapeProblem(document);
  if (shape) {
    const pos = shape.node.range ? lineCounter.linePos(shape.node.range[0]) : undefined;
    return {
      ok: false,
      problems: [
        {
          code: "yaml_syntax",
          message: `The YAML has ${shape.message}.`,
          line: pos?.line ?? null,
          column: pos?.col ?? null,
        },
      ],
    };
  }
  let value: unknown;
  try {
    // An alias bomb (aliases of aliases, "billion laughs") expands past this count and throws.
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          code: "yaml_syntax",
          message: `YAML aliases: ${reason}; write the repeated parts out instead of using so many aliases (*name).`,
          line: null,
          column: null,
        },
      ],
    };
  }
  if (!isRecord(value)) {
    return {
      ok: false,
      problems: [
        {
          code: "not_a_mapping",
          message: "The YAML must be one object (apiVersion, kind, metadata, spec), not a list or a single value.",
          line: 1,
          column: 1,
        },
      ],
    };
  }

  const at = (code: InputProblemCode, path: string, message: string): InputProblem => {
    const pos = locatePath(document, lineCounter, path);
    return { code, message, line: pos?.line ?? null, column: pos?.column ?? null };
  };
  const { problems, info } = checkEnvelope(value, target, at);
  if (problems.length > 0 || !info) return { ok: false, problems };

  const editable = toEditableObject(value as { metadata: Record<string, unknown> });
  const metadata = {
    ...(editable.metadata as Record<string, unknown>),
    namespace: target.namespace,
  } as StoredIstioObject["metadata"];
  const object = {
    ...editable,
    apiVersion: value.apiVersion as string,
    kind: info.kind,
    metadata,
  } as StoredIstioObject;
  return { ok: true, parsed: { object, document, lineCounter } };
}
