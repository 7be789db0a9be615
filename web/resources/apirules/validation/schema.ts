// The APIRule CRD's OpenAPI v3 schema → plain JSON Schema (draft-07 style) for the schema engine
// (schema-engine.ts) and monaco-yaml. Kubernetes extensions are removed: `x-kubernetes-*` (CEL rules
// are evaluated by cel.ts, unknown fields by pruned.ts),
// `nullable` becomes a `null` type, `x-kubernetes-int-or-string` becomes integer|string.
export type JsonSchema = { [key: string]: unknown }

interface CrdVersion {
  name?: string
  served?: boolean
  storage?: boolean
  deprecated?: boolean
  deprecationWarning?: string
  schema?: { openAPIV3Schema?: JsonSchema }
}

function crdVersions(crd: unknown): CrdVersion[] {
  const versions = (crd as { spec?: { versions?: unknown } } | undefined)?.spec?.versions
  return Array.isArray(versions) ? (versions as CrdVersion[]) : []
}

/** The versions the CRD serves, in CRD order. */
export function servedVersions(crd: unknown): string[] {
  return crdVersions(crd)
    .filter((v) => v.served !== false && typeof v.name === 'string')
    .map((v) => v.name as string)
}

export function crdVersion(crd: unknown, version: string): CrdVersion | undefined {
  return crdVersions(crd).find((v) => v.name === version)
}

/** The raw OpenAPI schema of one version, as written in the CRD. */
export function openApiSchemaOf(crd: unknown, version: string): JsonSchema | undefined {
  return crdVersion(crd, version)?.schema?.openAPIV3Schema
}

/** Converts one OpenAPI v3 (structural, Kubernetes flavour) schema node to JSON Schema. */
export function openApiToJsonSchema(node: unknown): JsonSchema {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {}
  const src = node as JsonSchema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') continue
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions': {
        const props: JsonSchema = {}
        for (const [k, v] of Object.entries((value ?? {}) as JsonSchema))
          props[k] = openApiToJsonSchema(v)
        out[key] = props
        break
      }
      case 'items':
        out.items = Array.isArray(value)
          ? value.map(openApiToJsonSchema)
          : openApiToJsonSchema(value)
        break
      case 'additionalProperties':
      case 'not':
        out[key] = typeof value === 'boolean' ? value : openApiToJsonSchema(value)
        break
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = Array.isArray(value) ? value.map(openApiToJsonSchema) : value
        break
      default:
        out[key] = value
    }
  }
  if (src['x-kubernetes-int-or-string'] === true) {
    delete out.type
    out.anyOf = [{ type: 'integer' }, { type: 'string' }]
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else if (Array.isArray(out.anyOf)) out.anyOf = [...(out.anyOf as unknown[]), { type: 'null' }]
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  }
  return out
}

export const APIRULE_SCHEMA_URI = 'inmemory://schemas/apirule.json'

/**
 * JSON Schema of one APIRule version, ready for the schema engine and monaco-yaml: the converted CRD schema with
 * `apiVersion`/`kind` pinned, so the editor suggests and checks them too.
 */
export function apiRuleJsonSchema(crd: unknown, version: string): JsonSchema | undefined {
  const raw = openApiSchemaOf(crd, version)
  if (!raw) return undefined
  const schema = openApiToJsonSchema(raw)
  const props = { ...((schema.properties ?? {}) as JsonSchema) }
  props.apiVersion = {
    ...((props.apiVersion ?? {}) as JsonSchema),
    type: 'string',
    enum: [`gateway.kyma-project.io/${version}`],
  }
  props.kind = { ...((props.kind ?? {}) as JsonSchema), type: 'string', enum: ['APIRule'] }
  props.metadata = {
    type: 'object',
    description: 'Standard Kubernetes object metadata.',
    properties: {
      name: { type: 'string', description: 'Name of the APIRule (a DNS subdomain).' },
      namespace: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
    },
  }
  return { ...schema, title: `APIRule ${version}`, properties: props }
}
