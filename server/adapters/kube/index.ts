export { getKubeConnection, type KubeConnection } from "./kube-connection";
export { getServerVersion, isIstioInstalled, listNamespaces, istioMarkerCrd } from "./cluster-info";
export { loadKubeConfig } from "./load-kube-config";
export { toKubeError } from "./kube-errors";
export { connectionFromKubeconfig, pinnedKubeContext } from "./kube-connection";
export { readClusterId, requireSameCluster } from "./cluster-identity";
export { clusterCacheFor, stopClusterCaches, type ClusterCache } from "./cluster-cache";
export { connectionAs, type KubeIdentity } from "./kube-identity";
export { reviewAccess, type ResourceAttributes } from "./access-review";
