// The fields each form shows. Anything else in the YAML is listed as "Also in YAML: …" so the
// user knows it exists and is kept.
type Shape = { [key: string]: Shape | '*' | 'list' } | '*'
// '*': any content is shown by the form (free maps, free config); 'list': an array of scalars.

const JWT: Shape = {
  authentications: {
    '[]': {
      issuer: '*',
      jwksUri: '*',
      fromHeaders: { '[]': { name: '*', prefix: '*' } },
      fromParams: 'list',
    },
  },
  authorizations: { '[]': { requiredScopes: 'list', audiences: 'list' } },
}
const SERVICE: Shape = { name: '*', namespace: '*', port: '*' }
const META: Shape = {
  name: '*',
  namespace: '*',
  labels: '*',
  annotations: '*',
  // read-only server fields: never "unknown"
  uid: '*',
  resourceVersion: '*',
  generation: '*',
  creationTimestamp: '*',
  finalizers: '*',
  ownerReferences: '*',
  managedFields: '*',
  selfLink: '*',
  deletionTimestamp: '*',
  deletionGracePeriodSeconds: '*',
}

export const V2_FORM_SHAPE: Shape = {
  apiVersion: '*',
  kind: '*',
  metadata: META,
  status: '*',
  spec: {
    hosts: 'list',
    service: SERVICE,
    gateway: '*',
    externalGateway: '*',
    timeout: '*',
    corsPolicy: {
      allowOrigins: '*',
      allowMethods: 'list',
      allowHeaders: 'list',
      exposeHeaders: 'list',
      allowCredentials: '*',
      maxAge: '*',
    },
    rules: {
      '[]': {
        path: '*',
        methods: 'list',
        noAuth: '*',
        jwt: JWT,
        extAuth: { authorizers: 'list', restrictions: JWT },
        request: { headers: '*', cookies: '*' },
        service: SERVICE,
        timeout: '*',
      },
    },
  },
}

export const V1BETA1_FORM_SHAPE: Shape = {
  apiVersion: '*',
  kind: '*',
  metadata: META,
  status: '*',
  spec: {
    host: '*',
    service: SERVICE,
    gateway: '*',
    timeout: '*',
    rules: {
      '[]': {
        path: '*',
        methods: 'list',
        accessStrategies: { '[]': { handler: '*', config: '*' } },
        mutators: { '[]': { handler: '*', config: '*' } },
        service: SERVICE,
        timeout: '*',
      },
    },
  },
}

/** Paths (as `spec.foo[0].bar` strings) present in `value` that `shape` does not show. */
export function unknownPaths(value: unknown, shape: Shape): (string | number)[][] {
  const out: (string | number)[][] = []
  const walk = (v: unknown, s: Shape | 'list', path: (string | number)[]) => {
    if (s === '*' || s === 'list') return
    if (Array.isArray(v)) {
      const item = s['[]']
      if (!item) {
        out.push(path)
        return
      }
      v.forEach((x, i) => walk(x, item, [...path, i]))
      return
    }
    if (v === null || typeof v !== 'object') return
    for (const [k, child] of Object.entries(v)) {
      const cs = s[k]
      if (cs === undefined) out.push([...path, k])
      else walk(child, cs, [...path, k])
    }
  }
  walk(value, shape, [])
  return out
}
