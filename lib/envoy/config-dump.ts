/**
 * The parts of Envoy's admin `/config_dump?include_eds` that Topsail reads, as zod schemas of Envoy's own JSON
 * (proto3 JSON: snake_case, defaults left out, 64-bit integers as strings). Every object is loose: Envoy and Istio
 * add fields between versions, and a field Topsail does not read must not make a dump unreadable. Shared by the
 * console's kube adapter (which parses what a proxy answers) and by whatever generates dumps for tests.
 */
import { z } from "zod";

const typePrefix = "type.googleapis.com/envoy.admin.v3.";

/** uint32 wrappers are numbers, 64-bit ones strings; either reads as a number. */
const count = z.union([z.number(), z.string()]).pipe(z.coerce.number());

/** envoy.type.v3.FractionalPercent: denominator HUNDRED (the default), TEN_THOUSAND or MILLION. */
export const fractionalPercentSchema = z.looseObject({
  numerator: count.optional(),
  denominator: z.string().optional(),
});
export type FractionalPercent = z.infer<typeof fractionalPercentSchema>;

export const addressSchema = z.looseObject({
  socket_address: z.looseObject({ address: z.string().optional(), port_value: count.optional() }).optional(),
  pipe: z.looseObject({ path: z.string().optional() }).optional(),
});
export type EnvoyAddress = z.infer<typeof addressSchema>;

/** `filter_metadata.istio` holds Istio's `config` (the object's API path), `services` and `subset`. */
export const metadataSchema = z.looseObject({
  filter_metadata: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

const regexSchema = z.looseObject({ regex: z.string() });

/** envoy.type.matcher.v3.StringMatcher. */
export const stringMatcherSchema = z.looseObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  contains: z.string().optional(),
  safe_regex: regexSchema.optional(),
  ignore_case: z.boolean().optional(),
});
export type StringMatcher = z.infer<typeof stringMatcherSchema>;

/** config.route.v3.HeaderMatcher, with the deprecated `*_match` fields older Istio versions still emit. */
export const headerMatcherSchema = z.looseObject({
  name: z.string(),
  exact_match: z.string().optional(),
  safe_regex_match: regexSchema.optional(),
  prefix_match: z.string().optional(),
  suffix_match: z.string().optional(),
  contains_match: z.string().optional(),
  present_match: z.boolean().optional(),
  range_match: z.looseObject({ start: count.optional(), end: count.optional() }).optional(),
  string_match: stringMatcherSchema.optional(),
  invert_match: z.boolean().optional(),
});
export type HeaderMatcher = z.infer<typeof headerMatcherSchema>;

export const queryParameterMatcherSchema = z.looseObject({
  name: z.string(),
  string_match: stringMatcherSchema.optional(),
  present_match: z.boolean().optional(),
});
export type QueryParameterMatcher = z.infer<typeof queryParameterMatcherSchema>;

export const routeSchema = z.looseObject({
  name: z.string().optional(),
  match: z.looseObject({
    prefix: z.string().optional(),
    path: z.string().optional(),
    safe_regex: regexSchema.optional(),
    path_separated_prefix: z.string().optional(),
    connect_matcher: z.looseObject({}).optional(),
    case_sensitive: z.boolean().optional(),
    headers: z.array(headerMatcherSchema).optional(),
    query_parameters: z.array(queryParameterMatcherSchema).optional(),
  }),
  route: z
    .looseObject({
      cluster: z.string().optional(),
      cluster_header: z.string().optional(),
      weighted_clusters: z
        .looseObject({ clusters: z.array(z.looseObject({ name: z.string(), weight: count.optional() })) })
        .optional(),
      timeout: z.string().optional(),
      retry_policy: z
        .looseObject({
          retry_on: z.string().optional(),
          num_retries: count.optional(),
          per_try_timeout: z.string().optional(),
        })
        .optional(),
      request_mirror_policies: z
        .array(
          z.looseObject({
            cluster: z.string(),
            runtime_fraction: z.looseObject({ default_value: fractionalPercentSchema.optional() }).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  redirect: z
    .looseObject({
      https_redirect: z.boolean().optional(),
      scheme_redirect: z.string().optional(),
      host_redirect: z.string().optional(),
      port_redirect: count.optional(),
      path_redirect: z.string().optional(),
      prefix_rewrite: z.string().optional(),
      response_code: z.string().optional(),
    })
    .optional(),
  direct_response: z
    .looseObject({
      status: count,
      body: z.looseObject({ inline_string: z.string().optional() }).optional(),
    })
    .optional(),
  decorator: z.looseObject({ operation: z.string() }).optional(),
  metadata: metadataSchema.optional(),
  typed_per_filter_config: z.record(z.string(), z.unknown()).optional(),
});
export type EnvoyRouteConfigRoute = z.infer<typeof routeSchema>;

/** extensions.filters.http.fault.v3.HTTPFault, as Istio puts it in a route's typed_per_filter_config. */
export const httpFaultSchema = z.looseObject({
  delay: z
    .looseObject({ fixed_delay: z.string().optional(), percentage: fractionalPercentSchema.optional() })
    .optional(),
  abort: z
    .looseObject({
      http_status: count.optional(),
      grpc_status: count.optional(),
      percentage: fractionalPercentSchema.optional(),
    })
    .optional(),
});

export const routeConfigurationSchema = z.looseObject({
  name: z.string().default(""),
  virtual_hosts: z
    .array(
      z.looseObject({
        name: z.string(),
        domains: z.array(z.string()).default([]),
        routes: z.array(routeSchema).default([]),
      }),
    )
    .default([]),
});
export type RouteConfiguration = z.infer<typeof routeConfigurationSchema>;

export const clusterSchema = z.looseObject({
  name: z.string(),
  type: z.string().optional(),
  metadata: metadataSchema.optional(),
  circuit_breakers: z
    .looseObject({
      thresholds: z
        .array(
          z.looseObject({
            priority: z.string().optional(),
            max_connections: count.optional(),
            max_pending_requests: count.optional(),
            max_requests: count.optional(),
            max_retries: count.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  outlier_detection: z
    .looseObject({
      consecutive_5xx: count.optional(),
      consecutive_gateway_failure: count.optional(),
      interval: z.string().optional(),
      base_ejection_time: z.string().optional(),
      max_ejection_percent: count.optional(),
    })
    .optional(),
});
export type EnvoyClusterConfig = z.infer<typeof clusterSchema>;

const filterChainSchema = z.looseObject({
  filters: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        typed_config: z
          .looseObject({
            rds: z.looseObject({ route_config_name: z.string().optional() }).optional(),
            route_config: z.looseObject({ name: z.string().optional() }).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

export const listenerSchema = z.looseObject({
  name: z.string().optional(),
  address: addressSchema.optional(),
  filter_chains: z.array(filterChainSchema).optional(),
  default_filter_chain: filterChainSchema.optional(),
});
export type EnvoyListenerConfig = z.infer<typeof listenerSchema>;

const listenerStateSchema = z.looseObject({ listener: listenerSchema, last_updated: z.string().optional() });

export const clusterLoadAssignmentSchema = z.looseObject({
  cluster_name: z.string(),
  endpoints: z
    .array(
      z.looseObject({
        locality: z
          .looseObject({
            region: z.string().optional(),
            zone: z.string().optional(),
            sub_zone: z.string().optional(),
          })
          .optional(),
        lb_endpoints: z
          .array(
            z.looseObject({
              endpoint: z.looseObject({ address: addressSchema.optional() }).optional(),
              health_status: z.string().optional(),
              load_balancing_weight: count.optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type ClusterLoadAssignment = z.infer<typeof clusterLoadAssignmentSchema>;

const clusterEntry = z.looseObject({
  cluster: clusterSchema,
  last_updated: z.string().optional(),
  version_info: z.string().optional(),
});

/** One schema per config type Topsail reads, by Envoy's short type name (a new type is a new row). */
export const configDumpSectionSchemas = {
  ClustersConfigDump: z.looseObject({
    static_clusters: z.array(clusterEntry).default([]),
    dynamic_active_clusters: z.array(clusterEntry).default([]),
  }),
  ListenersConfigDump: z.looseObject({
    static_listeners: z.array(z.looseObject({ listener: listenerSchema })).default([]),
    dynamic_listeners: z
      .array(
        z.looseObject({
          name: z.string(),
          active_state: listenerStateSchema.optional(),
          warming_state: listenerStateSchema.optional(),
          draining_state: listenerStateSchema.optional(),
          error_state: z.looseObject({}).optional(),
        }),
      )
      .default([]),
  }),
  RoutesConfigDump: z.looseObject({
    static_route_configs: z.array(z.looseObject({ route_config: routeConfigurationSchema })).default([]),
    dynamic_route_configs: z.array(z.looseObject({ route_config: routeConfigurationSchema })).default([]),
  }),
  EndpointsConfigDump: z.looseObject({
    static_endpoint_configs: z.array(z.looseObject({ endpoint_config: clusterLoadAssignmentSchema })).default([]),
    dynamic_endpoint_configs: z.array(z.looseObject({ endpoint_config: clusterLoadAssignmentSchema })).default([]),
  }),
};

type Sections = typeof configDumpSectionSchemas;
export type ConfigDump = { [K in keyof Sections]?: z.infer<Sections[K]> } & {
  /** The short type names of the sections Topsail does not read (BootstrapConfigDump, SecretsConfigDump…). */
  others: string[];
};

const envelopeSchema = z.looseObject({ configs: z.array(z.looseObject({ "@type": z.string() })) });

function isSection(name: string): name is keyof Sections {
  return Object.hasOwn(configDumpSectionSchemas, name);
}

/**
 * The sections of a config dump, each checked by its schema. Throws a ZodError when the answer is not a config dump
 * or a section Topsail reads is malformed, with the path of the field.
 */
export function parseConfigDump(json: unknown): ConfigDump {
  const envelope = envelopeSchema.parse(json);
  const dump: ConfigDump = { others: [] };
  envelope.configs.forEach((config, i) => {
    const type = config["@type"];
    const name = type.startsWith(typePrefix) ? type.slice(typePrefix.length) : type;
    if (!isSection(name)) {
      dump.others.push(name);
      return;
    }
    const parsed = configDumpSectionSchemas[name].safeParse(config);
    if (!parsed.success) {
      throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ["configs", i, ...issue.path] })));
    }
    Object.assign(dump, { [name]: parsed.data });
  });
  return dump;
}
