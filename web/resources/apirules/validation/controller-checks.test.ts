// The table of the controller's checks must stay complete: every message the controller's v2alpha1
// validation can write (read from its vendored source, when that is beside the repository) has a
// row, and every row's message is still in the source. Without the source the test is skipped,
// and says so.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTROLLER_CHECKS, goFormat } from './controller-checks.ts'

const ROOT = resolve(import.meta.dirname, '../../../..')
const TARBALL = join(ROOT, '../shared/vendor/api-gateway-3.10.0-src.tar.gz')
const EXTRACTED = process.env.KYMA_API_GATEWAY_SRC_DIR ?? '/tmp/agw/api-gateway-3.10.0'

/**
 * The files whose messages end up in a v2 APIRule's status: validation, injection, the Service
 * lookup, and the reconciler's Gateway lookup before validation (its status failures only).
 */
const FILES =
  /(internal\/validation\/(v2alpha1\/[a-z0-9_]+|injection|helpers)|apis\/gateway\/v2alpha1\/service|internal\/controller\/gateway\/apirule_controller)\.go$/
const STATUS_ONLY = /apirule_controller\.go$/

function sources(): Map<string, string> | undefined {
  const out = new Map<string, string>()
  if (existsSync(join(EXTRACTED, 'internal/validation'))) {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      )
    for (const f of walk(EXTRACTED))
      if (FILES.test(f) && !f.endsWith('_test.go')) out.set(f, readFileSync(f, 'utf8'))
    return out
  }
  if (!existsSync(TARBALL)) return undefined
  const names = execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => FILES.test(f) && !f.endsWith('_test.go'))
  for (const f of names)
    out.set(f, execFileSync('tar', ['-xzOf', TARBALL, f], { encoding: 'utf8' }))
  return out
}

/** Every message literal: `Message: "…"`, `Message: fmt.Sprintf("…"`, errors.New / fmt.Errorf, *Template consts. */
export function goMessages(source: string, statusOnly = false): string[] {
  const lit = String.raw`(?:"((?:[^"\\]|\\.)*)"|` + '`([^`]*)`)'
  const patterns = [
    new RegExp(String.raw`Message:\s*(?:fmt\.Sprintf\(\s*)?` + lit, 'g'),
    ...(statusOnly
      ? []
      : [
          new RegExp(String.raw`(?:errors\.New|fmt\.Errorf)\(\s*` + lit, 'g'),
          new RegExp(String.raw`\w+Template\s*=\s*` + lit, 'g'),
        ]),
  ]
  const out: string[] = []
  for (const re of patterns)
    for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? '').replace(/\\"/g, '"'))
  return out
}

const src = sources()

describe.skipIf(!src)('the table of controller checks', () => {
  const messages = [...(src?.entries() ?? [])].flatMap(([file, text]) =>
    goMessages(text, STATUS_ONLY.test(file)),
  )
  const known = new Set(
    Object.values(CONTROLLER_CHECKS).flatMap((c) => [
      c.message,
      ...('parts' in c ? (c.parts as readonly string[]) : []),
    ]),
  )

  it('reads the controller source', () => {
    expect(src?.size).toBeGreaterThanOrEqual(8)
    expect(messages.length).toBeGreaterThanOrEqual(30)
  })

  it('has a row for every message the controller writes', () => {
    const missing = messages.filter((m) => !known.has(m))
    expect(missing).toEqual([])
  })

  it('has no row whose message the controller no longer writes', () => {
    const all = new Set(messages)
    // Not literals of the source: Kubernetes' NotFound, and Istio's refusal of a generated object.
    const foreign = new Set([
      'Service "%s" not found',
      ...Object.values(CONTROLLER_CHECKS).flatMap((c) =>
        'stage' in c && c.stage === 'istio' ? [c.message] : [],
      ),
    ])
    const stale = [...known].filter((m) => !all.has(m) && !foreign.has(m))
    expect(stale).toEqual([])
  })
})

describe('goFormat', () => {
  it('fills the verbs in order', () => {
    expect(goFormat('Path %s with method %s', '/a', 'GET')).toBe('Path /a with method GET')
    expect(goFormat('Pod %s/%s does', 'ns', 'p')).toBe('Pod ns/p does')
  })
})
