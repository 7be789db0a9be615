import { describe, expect, it } from 'vitest'
import { statusToIssues } from './server.ts'
import { formatPath, parseFieldPath, pointerToPath } from './paths.ts'

describe('server causes', () => {
  it('maps causes to document paths', () => {
    const issues = statusToIssues({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      message: 'APIRule.gateway.kyma-project.io "x" is invalid: ...',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.rules[0]',
            message:
              'Invalid value: "object": One of the following fields must be set: noAuth, jwt, extAuth',
          },
          { reason: 'FieldValueRequired', field: 'spec.hosts', message: 'Required value' },
        ],
      },
    })
    expect(issues).toEqual([
      {
        path: ['spec', 'rules', 0],
        message: 'One of the following fields must be set: noAuth, jwt, extAuth',
        severity: 'error',
        source: 'server',
      },
      { path: ['spec', 'hosts'], message: 'Required value', severity: 'error', source: 'server' },
    ])
  })
  it('falls back to the message', () => {
    expect(statusToIssues({ kind: 'Status', status: 'Failure', message: 'boom' })).toEqual([
      { path: [], message: 'boom', severity: 'error', source: 'server' },
    ])
  })
  it('paths round-trip', () => {
    expect(parseFieldPath('.spec.rules[12].jwt.authentications[0].issuer')).toEqual([
      'spec',
      'rules',
      12,
      'jwt',
      'authentications',
      0,
      'issuer',
    ])
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ])
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels[app.kubernetes.io/name]',
    )
    expect(formatPath(['spec', 'rules', 3, 'path'])).toBe('spec.rules[3].path')
    expect(pointerToPath('/metadata/labels/a~1b/0')).toEqual(['metadata', 'labels', 'a/b', 0])
    // the schema engine's form: a URI fragment, segments percent-encoded
    expect(pointerToPath('#/metadata/labels/a~1b%20c/0')).toEqual([
      'metadata',
      'labels',
      'a/b c',
      0,
    ])
    expect(pointerToPath('#')).toEqual([])
  })
})
