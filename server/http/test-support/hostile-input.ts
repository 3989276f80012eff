/**
 * fast-check generators of what a careless or hostile client can send the API: JSON values
 * where the contract wants something else, numbers JSON allows but JavaScript rounds or
 * overflows, deep nesting, long and ill-formed strings, YAML built to hurt a parser (alias
 * bombs, tags, depth), path segments whose percent-encoding does not decode, odd query
 * strings, other content types, lying Content-Length headers and bodies over the limit.
 * Used by server/http/api-fuzz.integration.test.ts; never imported by production code.
 */
import fc from "fast-check";

/** Just over the 1 MiB body limit of server/http/request-guard.ts. */
const overLimit = 1024 * 1024 + 16;

const nested = (depth: number, open: string, close: string, inner = "1") =>
  open.repeat(depth) + inner + close.repeat(depth);
const depths = fc.constantFrom(64, 1_000, 10_000, 100_000);

// ---------- YAML ----------

const vsHeader = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n";

/** "Billion laughs": each level aliases the one before `width` times. */
function aliasBomb(levels: number, width: number): string {
  const lines = [`l0: &l0 ["lol"]`];
  for (let i = 1; i < levels; i++)
    lines.push(`l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(", ")}]`);
  return `${vsHeader}spec:\n  hosts: [reviews]\n  bomb:\n${lines.map((l) => `    ${l}`).join("\n")}\n`;
}

/** YAML texts a parser must refuse or bound, each in an otherwise plausible VirtualService. */
export const hostileYaml: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 12 }))
    .map(([levels, width]) => aliasBomb(levels, width)),
  depths.map((d) => `${vsHeader}spec:\n  hosts: ${nested(d, "[", "]", "reviews")}\n`),
  depths.map((d) => `${vsHeader}spec: ${nested(d, "{a: ", "}")}\n`),
  depths.map((d) => `${vsHeader}spec:\n  hosts: ${"[".repeat(d)}\n`),
  depths.map((d) => `${vsHeader}spec:\n  http:\n  ${"- ".repeat(d)}x\n`),
  fc.constantFrom(64, 400, 1_000, 10_000).map((d) => "? ".repeat(d) + "x"),
  fc
    .integer({ min: 100, max: 900 })
    .map(
      (d) =>
        `${vsHeader}spec:\n${Array.from({ length: d }, (_, i) => `${" ".repeat(2 * i + 2)}a${i}:`).join("\n")} 1\n`,
    ),
  fc.constantFrom(
    `${vsHeader}spec:\n  hosts: !!binary aGVsbG8gd29ybGQ=\n`,
    `${vsHeader}spec: !!binary aGVsbG8gd29ybGQ=\n`,
    `${vsHeader}spec:\n  hosts: [!custom reviews]\n  http: !<tag:example.com,2026:x> {a: 1}\n`,
    `${vsHeader}spec:\n  hosts: !!js/function "function () { return 1 }"\n`,
    `${vsHeader}spec:\n  hosts: !!python/object/apply:os.system ["true"]\n`,
    `${vsHeader}spec:\n  hosts: !!set {reviews: null}\n  http: !!omap [{a: 1}, {b: 2}]\n`,
    `${vsHeader}spec:\n  hosts: [reviews]\n  http: [{timeout: !!timestamp 2026-01-01}]\n`,
    `${vsHeader}spec: &s\n  hosts: [reviews]\n  self: *s\n`,
    `${vsHeader}spec:\n  hosts: &h [reviews]\n  <<: {hosts: *h}\n  http: [{<<: *h}]\n`,
    `${vsHeader}spec:\n  __proto__: {polluted: true}\n  constructor: {prototype: {polluted: true}}\n  hosts: [reviews]\n`,
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  __proto__: {namespace: kube-system}\n  labels: {__proto__: x}\nspec: {}\n`,
    `${vsHeader}spec:\n  ? [hosts, more]\n  : [reviews]\n  ? {a: 1}\n  : b\n`,
    `${vsHeader}spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: 1e400\n  - route: [{destination: {host: reviews}, weight: .nan}]\n  - route: [{destination: {host: reviews}, weight: -.inf}]\n  - route: [{destination: {host: reviews}, weight: 0x7fffffffffffffffffff}]\n`,
    `${vsHeader}spec:\n  hosts: [reviews]\n  hosts: [other]\n`,
    `\uFEFF${vsHeader}spec:\n\thosts: [reviews]\n`,
    `${vsHeader}spec:\n  hosts: ["\\ud800", "\\x00", "\\U0010FFFF"]\n`,
    `${vsHeader}---\n${vsHeader}---\n${vsHeader}`,
    `%YAML 1.1\n%TAG ! tag:example.com,2026:\n---\n${vsHeader}spec: !x {}\n`,
    "*undefined_alias",
    "&a [*a]",
    "",
    "---\n...\n",
    "\u0000\u0001\u0002",
  ),
  fc
    .integer({ min: 1_000, max: 20_000 })
    .map((n) => `${vsHeader}spec:\n${Array.from({ length: n }, (_, i) => `  k${i}: &a${i} v`).join("\n")}\n`),
  fc.string({ unit: "binary", maxLength: 200 }),
);

// ---------- JSON ----------

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/** Raw JSON text for one value: the wrong type, an extreme number, depth, a hostile string. */
export const hostileJsonFragment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "null",
      "true",
      "false",
      "0",
      "1",
      '""',
      '"x"',
      "[]",
      "{}",
      "[null]",
      '{"":null}',
      '["a",1,{}]',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "1e308",
      "-1e308",
      "1e999",
      "-1e999",
      "-0",
      "9007199254740993",
      "-9007199254740993",
      "5e-324",
      "1E400",
      "123456789012345678901234567890",
      "0.30000000000000004",
      "100.0000000000000001",
      "-1",
      "101",
      "1.5",
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(depths, fc.constantFrom(["[", "]"], ['{"a":', "}"]))
      .map(([d, [open, close]]) => nested(d, open as string, close as string)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '"\\ud800"',
      '"\\udc00x\\ud800"',
      '"\\u0000"',
      '"%C0%AE"',
      '"../../etc/passwd"',
      '"\\u202e"',
      '"a\\nb: c"',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000, 600_000).map((n) => JSON.stringify("a".repeat(n))) },
  {
    weight: 1,
    arbitrary: fc.constant('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  },
  { weight: 3, arbitrary: hostileYaml.map((yaml) => JSON.stringify(yaml)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
);

/** Raw JSON of the same type as `value`, but odd: so a body can pass its contract and still reach code with it. */
function sameTypeFragment(value: unknown): fc.Arbitrary<string> {
  if (typeof value === "number") return fc.constantFrom("-0", "0", "100", "1e-300", "99.99999999999999", "0.5", "1");
  if (typeof value === "boolean" || value === null) return fc.constantFrom("true", "false", "null");
  const strings = [
    "",
    " ",
    "a".repeat(10_000),
    "(a+)+$",
    "(?=a)",
    "\\",
    "*",
    "ñ",
    "\u0000",
    "${x}",
    "v1\nkind: Secret",
    "1e308",
    "-",
    "a.b",
    "%C0%AE",
    "\ud800",
  ];
  return fc.constantFrom(...strings.map((text) => JSON.stringify(text)));
}

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, item]) => [[...prefix, k], ...pathsOf(item, [...prefix, k])]);
  return [];
}

const marker = "\u0000fuzz-marker\u0000";

function withMarkerAt(value: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return marker;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? withMarkerAt(item, rest) : item));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, item]) => [k, k === head ? withMarkerAt(item, rest) : item]),
    );
  return value;
}

/**
 * The endpoint's own valid body with one part replaced by a hostile fragment (of any type,
 * or of the same type so the body may still pass its contract), dropped, or joined by an
 * unknown field: close enough to the contract to reach the code behind it.
 */
export function schemaVariant(template: Record<string, unknown>): fc.Arbitrary<string> {
  const paths = pathsOf(template);
  const replaced = fc
    .tuple(fc.constantFrom(...paths), hostileJsonFragment)
    .map(([path, fragment]) =>
      JSON.stringify(withMarkerAt(template, path)).replace(JSON.stringify(marker), () => fragment),
    );
  const leaves = paths.filter((path) => {
    const leaf = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], template);
    return typeof leaf !== "object" || leaf === null;
  });
  const typed = fc
    .constantFrom(...leaves)
    .chain((path) =>
      sameTypeFragment(path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], template)).map(
        (fragment) => [path, fragment] as const,
      ),
    )
    .map(([path, fragment]) =>
      JSON.stringify(withMarkerAt(template, path)).replace(JSON.stringify(marker), () => fragment),
    );
  const dropped = fc
    .constantFrom(...Object.keys(template))
    .map((key) => JSON.stringify(Object.fromEntries(Object.entries(template).filter(([k]) => k !== key))));
  const extra = hostileJsonFragment.map(
    (fragment) => `${JSON.stringify(template).slice(0, -1)},"unexpected":${fragment}}`,
  );
  // Fields holding YAML text get hostile YAML often: the parser behind them is the deepest code a body reaches.
  const yamlFields = Object.keys(template).filter(
    (key) => typeof template[key] === "string" && (template[key] as string).includes("apiVersion:"),
  );
  const yaml = yamlFields.length
    ? fc
        .tuple(fc.constantFrom(...yamlFields), hostileYaml)
        .map(([key, text]) => JSON.stringify({ ...template, [key]: text }))
    : replaced;
  return fc.oneof(
    { weight: 6, arbitrary: replaced },
    { weight: 4, arbitrary: typed },
    { weight: 1, arbitrary: dropped },
    { weight: 1, arbitrary: extra },
    { weight: yamlFields.length ? 6 : 0, arbitrary: yaml },
  );
}

export type FuzzBody =
  { kind: "text"; text: string } | { kind: "bytes"; bytes: Uint8Array<ArrayBuffer> } | { kind: "none" };

const text = (t: string): FuzzBody => ({ kind: "text", text: t });

/** A body for an endpoint whose valid JSON body looks like `template` (none: it takes no body). */
export function hostileBody(template: Record<string, unknown> | undefined): fc.Arbitrary<FuzzBody> {
  const malformed = fc.oneof(
    fc.constantFrom(
      "",
      "{",
      "[",
      '{"a":}',
      "{'a': 1}",
      "undefined",
      "NaN",
      "\uFEFF{}",
      '{"a":1}garbage',
      "\u0000",
      "{}{}",
    ),
    fc.string({ unit: "binary", maxLength: 300 }),
    template
      ? fc.nat().map((cut) => {
          const t = JSON.stringify(template);
          return t.slice(0, cut % t.length);
        })
      : fc.constant("{"),
  );
  const invalidUtf8 = fc.constantFrom(
    [0xff, 0xfe, 0xfd],
    [0xc0, 0xae],
    [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
    [0x22, 0xf8, 0x88, 0x80, 0x80, 0x80, 0x22],
  );
  return fc.oneof(
    { weight: template ? 8 : 0, arbitrary: template ? schemaVariant(template).map(text) : fc.constant(text("{}")) },
    { weight: 3, arbitrary: hostileJsonFragment.map(text) },
    { weight: 2, arbitrary: malformed.map(text) },
    { weight: 1, arbitrary: invalidUtf8.map((bytes): FuzzBody => ({ kind: "bytes", bytes: Uint8Array.from(bytes) })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("[", '{"yaml":"').map((start) => text(start + "0,".repeat(overLimit / 2) + "0")),
    },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: "none" }) },
  );
}

// ---------- path, query, headers ----------

/** Path segments as sent (not yet encoded): some do not decode, some escape, some are too long. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "%C0%AE",
    "%c0%ae%c0%ae",
    "..",
    ".",
    "%2e%2e",
    "%2E",
    "",
    "%",
    "%zz",
    "%E0%A4%A",
    "%ff",
    "%00",
    "%2F",
    "a%2Fb",
    "%252e%252e",
    "%20",
    "%ED%A0%80",
    "%F0%9F%98%80",
  ),
  fc.constantFrom(
    "Bookinfo",
    "-a-",
    "a.",
    "a..b",
    "__proto__",
    "constructor",
    "toString",
    "a".repeat(300),
    "9".repeat(300),
    "%5B%5D",
    "a%3Fb%23c",
    "%0d%0aSet-Cookie:x",
  ),
  fc.string({ unit: "grapheme", maxLength: 80 }).map(encodeURIComponent),
  fc.string({ maxLength: 300 }),
);

/** Query strings: odd encodings, repeats, empty and huge values. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "?",
    "?resourceVersion=",
    "?resourceVersion=%",
    "?resourceVersion=%C0%AE",
    "?resourceVersion=%ff%fe",
    "?resourceVersion=-0",
    "?resourceVersion=1e308",
    "?resourceVersion=9007199254740993",
  ),
  fc.constantFrom(
    "?resourceVersion[]=1",
    "?resourceVersion=1&resourceVersion=2",
    "?resourceVersion=fuzz-stale",
    "?%zz=%zz&&=",
    `?resourceVersion=${"9".repeat(5000)}`,
    "?__proto__[x]=1",
  ),
  fc.string({ maxLength: 200 }).map((q) => `?${q}`),
  fc.string({ unit: "grapheme", maxLength: 60 }).map((v) => `?resourceVersion=${encodeURIComponent(v)}`),
);

export interface FuzzHeaders {
  contentType: string | undefined;
  /** exact: the body's byte length, as fetch sends it; omitted: a chunked body; or a lie. */
  contentLength: "exact" | "omitted" | "0" | "1" | "99999999999" | "-1" | "abc";
  origin: string | undefined;
  fetchSite: string | undefined;
}

export const hostileHeaders: fc.Arbitrary<FuzzHeaders> = fc.record({
  contentType: fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    {
      weight: 4,
      arbitrary: fc.constantFrom<string | undefined>(
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        " application/json ;x=y",
        "application/json-patch+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/yaml",
        "",
        undefined,
      ),
    },
  ),
  contentLength: fc.oneof(
    { weight: 16, arbitrary: fc.constant("exact" as const) },
    { weight: 3, arbitrary: fc.constantFrom("omitted", "0", "1", "99999999999", "-1", "abc") },
  ),
  origin: fc.oneof(
    { weight: 24, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom("http://localhost:3000", "http://evil.example", "null", "not a url") },
  ),
  fetchSite: fc.oneof(
    { weight: 24, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom("same-origin", "none", "cross-site", "same-site") },
  ),
});

/** The byte length a body would have on the wire. */
export function bodyLength(body: FuzzBody): number {
  if (body.kind === "none") return 0;
  return body.kind === "bytes" ? body.bytes.byteLength : utf8Bytes(body.text);
}
