import { describe, expect, it } from 'vitest'
import { controllerVerdict, problemsByRule } from './controller-status.ts'
import type { StatusInfo } from './status.ts'

const error = (description: string): StatusInfo => ({ state: 'Error', label: 'Error', description })

describe('controllerVerdict', () => {
  it('reads the v2 controller text: entries at their paths, and the ones it left out', () => {
    // As internal/processing/status/v2alpha1.go writes it (three entries, then the rest counted).
    const v = controllerVerdict(
      error(
        "Validation errors: Attribute '.spec.rules[0]': Failed to execute sidecar injection validation, err: Service default/missing not found\n" +
          "Attribute '.spec.rules[1].jwt.authentications': multiple jwt configurations that differ for the same issuer\n" +
          "Attribute '.spec.hosts[0]': Host is not fully qualified\n2 more error(s)...",
      ),
    )
    expect(v.problems).toEqual([
      {
        path: ['spec', 'rules', 0],
        message:
          'Failed to execute sidecar injection validation, err: Service default/missing not found',
        severity: 'error',
        source: 'controller',
      },
      {
        path: ['spec', 'rules', 1, 'jwt', 'authentications'],
        message: 'multiple jwt configurations that differ for the same issuer',
        severity: 'error',
        source: 'controller',
      },
      {
        path: ['spec', 'hosts', 0],
        message: 'Host is not fully qualified',
        severity: 'error',
        source: 'controller',
      },
    ])
    expect(v.more).toBe(2)
    expect(v.other).toBe('')
    expect([...problemsByRule(v).keys()]).toEqual([0, 1, -1])
  })

  it('reads the v1beta1 texts (double-quoted paths, one or several)', () => {
    expect(
      controllerVerdict(error('Validation error: Attribute ".spec.rules[0].path": bad')).problems,
    ).toMatchObject([{ path: ['spec', 'rules', 0, 'path'], message: 'bad' }])
    expect(
      controllerVerdict(
        error(
          'Multiple validation errors: \nAttribute ".spec.rules": a\nAttribute ".spec.host": b',
        ),
      ).problems.map((p) => p.message),
    ).toEqual(['a', 'b'])
  })

  it('keeps a description without attribute entries as it is', () => {
    const v = controllerVerdict(error('VirtualService: connection refused'))
    expect(v.problems).toEqual([])
    expect(v.other).toBe('VirtualService: connection refused')
    expect(
      controllerVerdict({ state: 'Ready', label: 'Ready', description: 'x' }).problems,
    ).toEqual([])
  })
})
