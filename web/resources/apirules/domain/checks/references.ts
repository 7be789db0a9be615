// The objects an APIRule points at must exist: its Services (with the port) and its Gateway. The
// controller reads them from the cluster; here they are looked up in what the user can see, so a
// miss is a warning (the object may exist where the user cannot look).
import { isObj } from '../../../../api/json.ts'
import { finiteNumber, nonEmptyString } from '../fields.ts'
import type { CheckIssue, DocPath } from '../issue.ts'
import type { CheckContext } from './context.ts'

/** Where a Service is referenced and what it resolves to. */
export interface ServiceRef {
  path: DocPath
  namespace: string
  name: string
  port?: number | undefined
}

/** What a `service` field may hold while being typed: anything. */
type ServiceField = unknown

/**
 * Every Service reference of an APIRule, with the controller's namespace rule: the rule's
 * `service.namespace`, else `spec.service.namespace`, else the APIRule's namespace.
 */
export function serviceRefs(
  namespace: string,
  specService: ServiceField,
  rules: readonly { index: number; service?: ServiceField }[],
): ServiceRef[] {
  const specNs = (isObj(specService) && nonEmptyString(specService.namespace)) || namespace
  const ref = (svc: ServiceField, path: DocPath): ServiceRef[] => {
    const name = isObj(svc) ? nonEmptyString(svc.name) : undefined
    if (!isObj(svc) || !name) return []
    return [
      {
        path,
        namespace: nonEmptyString(svc.namespace) ?? specNs,
        name,
        port: finiteNumber(svc.port) || undefined,
      },
    ]
  }
  return [
    ...ref(specService, ['spec', 'service']),
    ...rules.flatMap((r) => ref(r.service, ['spec', 'rules', r.index, 'service'])),
  ]
}

export function serviceIssues(refs: readonly ServiceRef[], ctx: CheckContext): CheckIssue[] {
  if (!ctx.services) return []
  const complete = ctx.serviceNamespaces ? new Set(ctx.serviceNamespaces) : undefined
  const out: CheckIssue[] = []
  for (const ref of refs) {
    if (complete && !complete.has(ref.namespace)) continue
    const svc = ctx.services.find((s) => s.namespace === ref.namespace && s.name === ref.name)
    if (!svc) {
      out.push({
        kind: 'missing-service',
        path: ref.path,
        message: `Service "${ref.name}" not found in namespace "${ref.namespace}"`,
        severity: 'warning',
        source: 'controller',
      })
    } else if (ref.port && svc.ports?.length && !svc.ports.includes(ref.port)) {
      out.push({
        kind: 'missing-service-port',
        path: [...ref.path, 'port'],
        message: `Service "${ref.name}" has no port ${ref.port}`,
        severity: 'warning',
        source: 'controller',
      })
    }
  }
  return out
}

/** `spec.gateway` (`namespace/name`) must be a Gateway in the cluster. */
export function gatewayIssues(gateway: string | undefined, ctx: CheckContext): CheckIssue[] {
  if (!gateway || !ctx.gateways) return []
  if (ctx.gateways.some((g) => `${g.namespace}/${g.name}` === gateway)) return []
  return [
    {
      kind: 'missing-gateway',
      path: ['spec', 'gateway'],
      message: 'Gateway not found',
      explanation: `Gateway ${gateway} does not exist.`,
      severity: 'warning',
      source: 'controller',
    },
  ]
}
