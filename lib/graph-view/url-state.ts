/**
 * Everything that shapes the graph view lives in the URL, so a link reproduces it:
 * `/graph?namespaces=bookinfo&graphType=versionedApp&duration=300s&edgeLabels=responseTime&hide=version%20%3D%20v1`.
 * Parsing is forgiving (an unknown value falls back to the default: a hand-edited link
 * still opens); formatting writes defaults for graphType and duration only, so links say
 * what they show without carrying every switch.
 */
import {
  defaultTrafficRates,
  graphTypes,
  grpcRates,
  httpRates,
  parseGraphDuration,
  tcpRates,
  type GraphType,
  type GrpcRate,
  type HttpRate,
  type TcpRate,
} from "@/lib/contracts/graph";
import { formatNamespaceParam, parseNamespaceParam } from "@/lib/namespace-param";
import { parseNodeTarget } from "./node-target";
import { edgeLabelModes, refreshOptions, windowOptions, type EdgeLabelMode } from "./options";

export interface GraphUrlState {
  namespaces: string[];
  graphType: GraphType;
  /** Window length in seconds. */
  duration: number;
  /** Refresh interval in ms; 0 = off. Every minute unless the link says otherwise (issue 20), as Kiali. */
  refresh: number;
  edgeLabels: EdgeLabelMode;
  /** The Traffic menu (Kiali's parameter names, passed on to the graph API). */
  rateHttp: HttpRate;
  rateGrpc: GrpcRate;
  rateTcp: TcpRate;
  idleNodes: boolean;
  animate: boolean;
  /** Kiali's Display → Security: mark mTLS and partial-mTLS edges (off by default, as in Kiali). */
  security: boolean;
  find: string;
  hide: string;
  /**
   * The node the view is focused on, as node-target.ts names it (`bookinfo/app/reviews/v2`):
   * the page then shows that node's graph — the node, its callers and what it calls.
   */
  focus: string;
  /** Id of a trace whose path is lit (everything else dimmed). */
  trace: string;
  /**
   * Compare mode: the moment (unix seconds) to compare the window before with the window
   * after, each `duration` long; 0 = the live graph.
   */
  compare: number;
}

export const defaultGraphUrlState: GraphUrlState = {
  namespaces: [],
  graphType: "versionedApp",
  duration: 300,
  refresh: 60_000,
  edgeLabels: "none",
  rateHttp: defaultTrafficRates.http,
  rateGrpc: defaultTrafficRates.grpc,
  rateTcp: defaultTrafficRates.tcp,
  idleNodes: false,
  animate: false,
  security: false,
  find: "",
  hide: "",
  focus: "",
  trace: "",
  compare: 0,
};

type ParamSource = Pick<URLSearchParams, "get">;

const oneOf = <T extends string>(values: readonly T[], text: string | null, fallback: T): T =>
  values.includes(text as T) ? (text as T) : fallback;

function parseWindow(text: string | null): number {
  const seconds = text ? parseGraphDuration(text) : undefined;
  return windowOptions.some((o) => o.value === seconds) ? (seconds as number) : defaultGraphUrlState.duration;
}

function parseRefresh(text: string | null): number {
  // Absent is the default, not Number(null) = 0 (off): only `refresh=0` turns polling off.
  if (text === null || text.trim() === "") return defaultGraphUrlState.refresh;
  const ms = Number(text);
  return refreshOptions.some((o) => o.value === ms) ? ms : defaultGraphUrlState.refresh;
}

export function parseGraphUrlState(params: ParamSource): GraphUrlState {
  const d = defaultGraphUrlState;
  return {
    namespaces: parseNamespaceParam(params.get("namespaces")),
    graphType: oneOf(graphTypes, params.get("graphType"), d.graphType),
    duration: parseWindow(params.get("duration")),
    refresh: parseRefresh(params.get("refresh")),
    edgeLabels: oneOf(edgeLabelModes, params.get("edgeLabels"), d.edgeLabels),
    rateHttp: oneOf(httpRates, params.get("rateHttp"), d.rateHttp),
    rateGrpc: oneOf(grpcRates, params.get("rateGrpc"), d.rateGrpc),
    rateTcp: oneOf(tcpRates, params.get("rateTcp"), d.rateTcp),
    idleNodes: params.get("idleNodes") === "true",
    animate: params.get("animate") === "true",
    security: params.get("security") === "true",
    find: (params.get("find") ?? "").trim(),
    hide: (params.get("hide") ?? "").trim(),
    // Only a node's name focuses: an older link's graph id just shows the whole graph.
    focus: parseNodeTarget(params.get("focus") ?? "") ? (params.get("focus") as string) : "",
    // Only something shaped like a trace id reaches the API: a hand-edited link just lights nothing.
    trace: /^[0-9a-fA-F]{16,32}$/.test(params.get("trace") ?? "") ? (params.get("trace") as string).toLowerCase() : "",
    compare: /^\d{9,12}$/.test(params.get("compare") ?? "") ? Number(params.get("compare")) : 0,
  };
}

/**
 * The query string for a state. Keeps unrelated parameters of `base` (other features may
 * add their own) and writes ours in a fixed order so equal views give equal links.
 */
export function formatGraphUrlState(state: GraphUrlState, base?: URLSearchParams): string {
  const params = new URLSearchParams(base);
  for (const key of Object.keys(defaultGraphUrlState)) params.delete(key);
  const namespaces = formatNamespaceParam(state.namespaces);
  if (namespaces) params.set("namespaces", namespaces);
  params.set("graphType", state.graphType);
  params.set("duration", `${state.duration}s`);
  if (state.refresh !== defaultGraphUrlState.refresh) params.set("refresh", String(state.refresh));
  if (state.edgeLabels !== "none") params.set("edgeLabels", state.edgeLabels);
  if (state.rateHttp !== defaultGraphUrlState.rateHttp) params.set("rateHttp", state.rateHttp);
  if (state.rateGrpc !== defaultGraphUrlState.rateGrpc) params.set("rateGrpc", state.rateGrpc);
  if (state.rateTcp !== defaultGraphUrlState.rateTcp) params.set("rateTcp", state.rateTcp);
  if (state.idleNodes) params.set("idleNodes", "true");
  if (state.animate) params.set("animate", "true");
  if (state.security) params.set("security", "true");
  if (state.find) params.set("find", state.find);
  if (state.hide) params.set("hide", state.hide);
  if (state.focus) params.set("focus", state.focus);
  if (state.trace) params.set("trace", state.trace);
  if (state.compare) params.set("compare", String(state.compare));
  // URLSearchParams writes spaces as "+"; %20 reads the same and is what people paste.
  return params.toString().replace(/\+/g, "%20");
}
