/**
 * How each sample application writes its own log, one row per app: a line per request it
 * served and the lines it prints when it starts. Short imitations of the real apps'
 * styles (productpage's Flask/werkzeug, details' WEBrick, reviews' Open Liberty, ratings'
 * Node server, go-httpbin's logfmt), enough to tell the containers apart side by side.
 */

export interface ServedRequest {
  timeMs: number;
  method: string;
  path: string;
  code: number;
  bytes: number;
  durationMs: number;
  userAgent?: string;
  /** Who connected to the app: with a sidecar, Istio's inbound passthrough address. */
  clientIp: string;
}

interface AppLogStyle {
  request(r: ServedRequest): string;
  startup(timeMs: number): string[];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const iso = (ms: number): string => new Date(ms).toISOString();
/** `24/Aug/2026 10:15:42` (werkzeug) or with `:` between date and time (WEBrick). */
function clf(ms: number, separator: string): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}${separator}${time}`;
}
/** Open Liberty's `[8/24/26, 10:15:42:118 UTC]`. */
function liberty(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:${pad(d.getUTCMilliseconds(), 3)}`;
  return `[${date}, ${time} UTC]`;
}

const GENERIC: AppLogStyle = {
  request: (r) => `${iso(r.timeMs)} INFO ${r.method} ${r.path} ${r.code} ${r.durationMs}ms`,
  startup: (t) => [`${iso(t)} INFO starting`, `${iso(t)} INFO listening`],
};

const STYLES: Record<string, AppLogStyle> = {
  productpage: {
    request: (r) =>
      `INFO:werkzeug:${r.clientIp} - - [${clf(r.timeMs, " ")}] "${r.method} ${r.path} HTTP/1.1" ${r.code} -`,
    startup: () => [
      "INFO:werkzeug:WARNING: This is a development server. Do not use it in a production deployment.",
      "INFO:werkzeug: * Running on all addresses (::)",
      "INFO:werkzeug: * Running on http://[::1]:9080",
    ],
  },
  details: {
    request: (r) =>
      `${r.clientIp} - - [${clf(r.timeMs, ":")} UTC] "${r.method} ${r.path} HTTP/1.1" ${r.code} ${r.bytes}`,
    startup: (t) => [
      `[${iso(t)}] INFO  WEBrick 1.8.1`,
      `[${iso(t)}] INFO  ruby 3.3.4 (2024-07-09) [x86_64-linux]`,
      `[${iso(t)}] INFO  WEBrick::HTTPServer#start: pid=1 port=9080`,
    ],
  },
  reviews: {
    request: (r) => `${liberty(r.timeMs)} 0000003a reviews       I ${r.method} ${r.path} ${r.code} ${r.durationMs}ms`,
    startup: (t) => [
      `${liberty(t)} 00000001 com.ibm.ws.kernel.launch.internal.FrameworkManager           A CWWKE0001I: The server defaultServer has been launched.`,
      `${liberty(t)} 0000002b com.ibm.ws.app.manager.AppMessageHelper                      A CWWKZ0001I: Application reviews-app started.`,
      `${liberty(t)} 0000002b com.ibm.ws.kernel.feature.internal.FeatureManager            A CWWKF0011I: The defaultServer server is ready to run a smarter planet.`,
    ],
  },
  ratings: {
    request: (r) => `${r.method} ${r.path} ${r.code} ${r.durationMs} ms`,
    startup: () => ["Server listening on: http://0.0.0.0:9080"],
  },
  httpbin: {
    request: (r) =>
      `time="${iso(r.timeMs)}" status=${r.code} method="${r.method}" uri="${r.path}" size_bytes=${r.bytes} ` +
      `duration_ms=${r.durationMs} user_agent="${r.userAgent ?? ""}" client_ip=${r.clientIp}`,
    startup: (t) => [`time="${iso(t)}" msg="go-httpbin listening on http://0.0.0.0:8080"`],
  },
};

function styleOf(app: string | undefined): AppLogStyle {
  return (app !== undefined ? STYLES[app] : undefined) ?? GENERIC;
}

export function appRequestLine(app: string | undefined, request: ServedRequest): string {
  return styleOf(app).request(request);
}

export function appStartupLines(app: string | undefined, timeMs: number): string[] {
  return styleOf(app).startup(timeMs);
}

/** pilot-agent's first lines in `istio-proxy`, sidecar or gateway (the `router` role). */
export function proxyStartupLines(timeMs: number, gateway: boolean): string[] {
  const t = new Date(timeMs).toISOString().replace("Z", "000Z");
  return [
    `${t}\tinfo\tFLAG: --concurrency="2"`,
    `${t}\tinfo\tProxy role\tips=[] type=${gateway ? "router" : "sidecar"} domain=svc.cluster.local`,
    `${t}\tinfo\tcache\tgenerated new workload certificate\tttl=23h59m59s`,
    `${t}\tinfo\tads\tADS: new connection for node:1`,
    `${t}\tinfo\tEnvoy proxy is ready`,
  ];
}

/** istio-init's (istio-iptables) last line: the init container ran to completion before the others started. */
export function initStartupLines(timeMs: number): string[] {
  const t = new Date(timeMs).toISOString().replace("Z", "000Z");
  return [`${t}\tinfo\tIstio iptables environment:`, `${t}\tinfo\tRunning iptables restore with: iptables-restore`];
}
