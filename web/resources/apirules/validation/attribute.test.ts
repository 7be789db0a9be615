import { describe, expect, it } from 'vitest'
import { attributeOfDocPath, docPathOfAttribute } from './attribute.ts'

const rule = {
  spec: { rules: [{ extAuth: { authorizers: ['a', 'oauth2-proxy'] } }] },
}

describe("the controller's attribute paths", () => {
  it('maps its Go names to the document', () => {
    expect(
      docPathOfAttribute('.spec.rules[0].extAuth.externalAuthorizers.oauth2-proxy', rule),
    ).toEqual(['spec', 'rules', 0, 'extAuth', 'authorizers', 1])
    expect(docPathOfAttribute('.spec.rules[0].extAuth.externalAuthorizers')).toEqual([
      'spec',
      'rules',
      0,
      'extAuth',
      'authorizers',
    ])
    expect(docPathOfAttribute('.spec.rules[2].extAuth.authentications[1].issuer')).toEqual([
      'spec',
      'rules',
      2,
      'extAuth',
      'restrictions',
      'authentications',
      1,
      'issuer',
    ])
    expect(docPathOfAttribute('.spec.rules[0].injection')).toEqual(['spec', 'rules', 0])
    expect(docPathOfAttribute('spec.gateway')).toEqual(['spec', 'gateway'])
  })
  it('and back', () => {
    expect(attributeOfDocPath(['spec', 'rules', 0, 'extAuth', 'authorizers', 1], rule)).toBe(
      '.spec.rules[0].extAuth.externalAuthorizers.oauth2-proxy',
    )
    expect(
      attributeOfDocPath(['spec', 'rules', 0, 'extAuth', 'restrictions', 'authentications', 0]),
    ).toBe('.spec.rules[0].extAuth.authentications[0]')
    expect(attributeOfDocPath(['spec', 'hosts', 0])).toBe('.spec.hosts[0]')
  })
})
