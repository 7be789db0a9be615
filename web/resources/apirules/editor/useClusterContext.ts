// What the controller's checks read from the cluster, read with the user's own rights through the
// BFF and turned into the validator's context: the namespace's Services (ports, selector), Pods
// (istio sidecar) and EndpointSlices (ready endpoints), the Gateways, ExternalGateways,
// VirtualServices, the other APIRules and the Istio mesh config. A read the user may not make is
// named in `unreadable`, so its checks say they were not made.
import { useMemo } from 'react'
import {
  useEndpointSlices,
  useExternalGateways,
  useGateways,
  useMeshConfigMap,
  useOtherApiRules,
  usePods,
  useServices,
  useVirtualServices,
} from '../../../api/lookups.ts'
import { meshConfigOf } from '../domain/mesh.ts'
import { gatewayContextOf, podContextOf, readyEndpointsOf } from './cluster-context.ts'
import type { ClusterRead, ValidationContext } from '../validation/types.ts'

export function useClusterContext(namespace: string): ValidationContext {
  const services = useServices(namespace)
  const gateways = useGateways()
  const others = useOtherApiRules()
  const virtualServices = useVirtualServices()
  const pods = usePods(namespace)
  const slices = useEndpointSlices(namespace)
  const externalGateways = useExternalGateways()
  const mesh = useMeshConfigMap()
  return useMemo<ValidationContext>(() => {
    const unreadable: ClusterRead[] = []
    if (services.forbidden) unreadable.push('services')
    if (gateways.forbidden) unreadable.push('gateways')
    if (virtualServices.forbidden) unreadable.push('virtualServices')
    if (pods.forbidden) unreadable.push('pods')
    if (slices.forbidden) unreadable.push('endpointSlices')
    if (externalGateways.forbidden) unreadable.push('externalGateways')
    if (mesh.forbidden) unreadable.push('mesh')
    return {
      services: services.data?.items.map((s) => ({
        name: s.metadata.name ?? '',
        namespace,
        ports: (s.spec?.ports ?? []).map((p) => p.port),
        selector: s.spec?.selector ?? null,
      })),
      gateways: gateways.data && gatewayContextOf(gateways.data.items),
      apiRules: others.data?.items.map((r) => ({
        namespace: r.metadata.namespace ?? '',
        name: r.metadata.name ?? '',
        hosts: r.spec?.hosts ?? [],
      })),
      virtualServices: virtualServices.data?.items.map((v) => ({
        namespace: v.metadata.namespace ?? '',
        name: v.metadata.name ?? '',
        hosts: v.spec?.hosts ?? [],
        labels: v.metadata.labels ?? {},
      })),
      pods: pods.data && podContextOf(pods.data.items),
      readyEndpoints: slices.data && readyEndpointsOf(slices.data.items),
      // Not served (no CRD): there is none, and the controller cannot get the one named.
      externalGateways: externalGateways.absent
        ? []
        : externalGateways.data?.items.map((g) => ({
            namespace: g.metadata.namespace ?? '',
            name: g.metadata.name ?? '',
          })),
      mesh: mesh.data === undefined ? undefined : meshConfigOf(mesh.data),
      unreadable,
    }
  }, [
    namespace,
    services.data,
    services.forbidden,
    gateways.data,
    gateways.forbidden,
    others.data,
    virtualServices.data,
    virtualServices.forbidden,
    pods.data,
    pods.forbidden,
    slices.data,
    slices.forbidden,
    externalGateways.data,
    externalGateways.forbidden,
    externalGateways.absent,
    mesh.data,
    mesh.forbidden,
  ])
}
