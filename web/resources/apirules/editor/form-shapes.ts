// The fields each APIRule form shows. Anything else in the YAML is listed as "Also in YAML: …" so
// the user knows it exists and is kept.
import type { FormShape as Shape } from '../../../editor/document/form-shape.ts'

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
