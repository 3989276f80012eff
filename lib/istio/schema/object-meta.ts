/**
 * ObjectMeta as kube-apiserver validates it on every write (apimachinery
 * pkg/api/validation/objectmeta.go and pkg/util/validation/validation.go): label keys and
 * values, annotation keys, finalizer names and the required fields of owner references.
 * Messages are apimachinery's, so the console and the simulator say what kubectl would print.
 */
import { invalidValue, type FieldError } from "./field-error";

const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const maxLenError = (n: number) => `must be no more than ${n} characters`;

/** validation.RegexError: examples joined as Go joins them (`'a',  or 'b', `: two spaces). */
function regexError(message: string, format: string, ...examples: string[]): string {
  const given = examples.map((e, i) => `${i > 0 ? " or " : ""}'${e}', `).join("");
  return `${message} (e.g. ${given}regex used for validation is '${format}')`;
}

function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value))
    errors.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errors;
}

/** validation.IsQualifiedName: `[prefix/]name`, the form of label, annotation and finalizer keys. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const errors: string[] = [];
  const name = parts.length === 2 ? (parts[1] ?? "") : (parts[0] ?? "");
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix === "") errors.push("prefix part must be non-empty");
    else errors.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name))
    errors.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`);
  return errors;
}

/** validation.IsValidLabelValue */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!LABEL_VALUE.test(value))
    errors.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errors;
}

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** schema.ParseGroupVersion's version: "v1" and "apps/v1" have one, "" and "a/b/c" none. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split("/");
  if (parts.length > 2) return "";
  return parts.at(-1) ?? "";
}

function ownerReferenceErrors(ref: Json): FieldError[] {
  const at = "metadata.ownerReferences";
  const text = (key: string) => (typeof ref[key] === "string" ? (ref[key] as string) : "");
  const errors: FieldError[] = [];
  if (versionOf(text("apiVersion")) === "")
    errors.push(invalidValue(`${at}.apiVersion`, text("apiVersion"), "version must not be empty"));
  for (const key of ["kind", "name", "uid"]) {
    if (text(key) === "") errors.push(invalidValue(`${at}.${key}`, text(key), "must not be empty"));
  }
  return errors;
}

export function validateObjectMeta(metadata: unknown): FieldError[] {
  const meta = asRecord(metadata);
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(asRecord(meta.labels))) {
    errors.push(...qualifiedNameErrors(key).map((m) => invalidValue("metadata.labels", key, m)));
    errors.push(...labelValueErrors(String(value)).map((m) => invalidValue("metadata.labels", String(value), m)));
  }
  // Annotation keys are qualified names in any case (kube lowercases them before the check).
  for (const key of Object.keys(asRecord(meta.annotations))) {
    errors.push(...qualifiedNameErrors(key.toLowerCase()).map((m) => invalidValue("metadata.annotations", key, m)));
  }
  asList(meta.finalizers).forEach((finalizer, i) => {
    errors.push(
      ...qualifiedNameErrors(String(finalizer)).map((m) =>
        invalidValue(`metadata.finalizers[${i}]`, String(finalizer), m),
      ),
    );
  });
  for (const ref of asList(meta.ownerReferences)) errors.push(...ownerReferenceErrors(asRecord(ref)));
  return errors;
}
