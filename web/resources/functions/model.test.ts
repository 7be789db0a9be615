import { describe, expect, it } from 'vitest'
import type { Service } from '../services/types.ts'
import {
  conditionStatus,
  desiredReplicas,
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
