import { describe, expect, it } from 'vitest'
import type { Service } from '../services/types.ts'
import {
  conditionOf,
  conditionStatus,
  desiredReplicas,
  envSummary,
  findFunctionService,
  resourcesSummary,
  functionServiceRef,
  isFunctionService,
  sourceType,
} from './model.ts'
import type { KymaFunction } from './types.ts'

const fn = (extra: Partial<KymaFunction> = {}): KymaFunction => ({
  metadata: { name: 'hello', namespace: 'demo' },
  spec: { runtime: 'nodejs22', source: { inline: { source: 'x' } } },
  ...extra,
})

describe('function model', () => {
  it('reads condition statuses and says Unknown when a condition is absent', () => {
    const f = fn({ status: { conditions: [{ type: 'Running', status: 'False' }] } })
    expect(conditionStatus(f, 'Running')).toBe('False')
    expect(conditionStatus(f, 'ConfigurationReady')).toBe('Unknown')
  })

  it('names the source type and defaults replicas to 1', () => {
    expect(sourceType(fn())).toBe('Inline')
    expect(
      sourceType(fn({ spec: { runtime: 'python312', source: { gitRepository: { url: 'u' } } } })),
    ).toBe('Git')
    expect(desiredReplicas(fn())).toBe(1)
  })

  it("points at the Service of the Function's name on port 80", () => {
    expect(functionServiceRef(fn())).toEqual({ namespace: 'demo', name: 'hello', port: 80 })
  })

  it('recognises Function Services by owner or label, and nothing else', () => {
    const owned: Service = {
      metadata: {
        name: 'hello',
        ownerReferences: [{ apiVersion: 'v', kind: 'Function', name: 'hello', uid: 'u' }],
      },
    }
    const labelled: Service = {
      metadata: { name: 'x', labels: { 'serverless.kyma-project.io/function-name': 'x' } },
    }
    expect(isFunctionService(owned)).toBe(true)
    expect(isFunctionService(labelled)).toBe(true)
    expect(isFunctionService({ metadata: { name: 'hello-kyma-svc' } })).toBe(false)
  })
})

describe('function details', () => {
  it('lists env names with their source kind, never their values', () => {
    const f = fn({
      spec: {
        runtime: 'nodejs22',
        source: { inline: { source: 'x' } },
        env: [
          { name: 'PLAIN', value: 's3cr3t' },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        ],
      },
    })
    const env = envSummary(f)
    expect(env).toEqual([
      { name: 'PLAIN', source: 'value' },
      { name: 'TOKEN', source: 'Secret creds' },
      { name: 'MODE', source: 'ConfigMap cfg' },
    ])
    expect(JSON.stringify(env)).not.toContain('s3cr3t')
  })

  it('summarises resources: profile, explicit values, or the default', () => {
    expect(resourcesSummary(fn())).toBe('Default')
    expect(
      resourcesSummary(
        fn({
          spec: {
            runtime: 'nodejs22',
            source: { inline: { source: 'x' } },
            resourceConfiguration: {
              function: { profile: 'S', resources: { limits: { memory: '128Mi' } } },
            },
          },
        }),
      ),
    ).toBe('Profile S; limits: memory 128Mi')
    expect(resourcesSummary(fn({ status: { functionResourceProfile: 'L' } }))).toBe(
      'Default (profile L)',
    )
  })

  it("finds the Function's Service by exact name only", () => {
    const svc = (name: string): Service => ({ metadata: { name, namespace: 'demo' } })
    expect(findFunctionService(fn(), [svc('hello-kyma-svc')])).toBeUndefined()
    expect(findFunctionService(fn(), [svc('hello-kyma-svc'), svc('hello')])?.metadata.name).toBe(
      'hello',
    )
    expect(conditionOf(fn(), 'Running')).toBeUndefined()
  })
})
