// URLs of the APIRule pages. Every segment is encoded by
// namespacedPath, so a name can never add path segments.
import { namespacedPath } from '../../app/namespace.ts'

export function apiRuleListPath(ns: string | undefined): string {
  return namespacedPath(ns, 'apirules')
}

export function apiRulePath(ns: string | undefined, name: string): string {
  return namespacedPath(ns, 'apirules', name)
}

export interface EditOptions {
  /** 'v1beta1' for objects written as v1beta1. */
  version?: 'v1beta1' | undefined
  /** Open the v1beta1 → v2 migration. */
  migrate?: boolean | undefined
}

export function apiRuleEditPath(
  ns: string | undefined,
  name: string,
  opts: EditOptions = {},
): string {
  const params = new URLSearchParams()
  if (opts.version) params.set('version', opts.version)
  if (opts.migrate) params.set('migrate', '1')
  const qs = params.toString()
  return namespacedPath(ns, 'apirules', name, 'edit') + (qs ? `?${qs}` : '')
}

/** The migration view of a v1beta1 APIRule. */
export function apiRuleMigratePath(ns: string | undefined, name: string): string {
  return apiRuleEditPath(ns, name, { version: 'v1beta1', migrate: true })
}

export interface CreateOptions {
  /** Name of an APIRule in the same namespace to copy. */
  clone?: string | undefined
  /** Prefill the target Service (and port). */
  service?: string | undefined
  port?: number | undefined
  /** Prefill the target Function (its Service has the same name, port 80). */
  function?: string | undefined
}

export function apiRuleCreatePath(ns: string | undefined, opts: CreateOptions = {}): string {
  const params = new URLSearchParams()
  if (opts.clone) params.set('clone', opts.clone)
  if (opts.service) params.set('service', opts.service)
  if (opts.port !== undefined) params.set('port', String(opts.port))
  if (opts.function) params.set('function', opts.function)
  const qs = params.toString()
  return namespacedPath(ns, 'apirules', '-create-') + (qs ? `?${qs}` : '')
}
