// The CRD's CEL rules (`x-kubernetes-validations`), evaluated as the API server evaluates them, for
// the CRD the cluster serves (or the bundled copy): @bufbuild/cel, a CEL interpreter without code
// generation (runs under the CSP) whose `matches()` uses an RE2 engine, the API server's regex
// dialect. A rule that needs what the library does not have (Kubernetes' own library functions:
// isURL, quantity, ip, cidr, lists, …; transition rules on `oldSelf`) is not guessed at: the editor
// says that only the server checks it and offers the server-side validation (Issue.serverCheck).
import { celEnv, isCelError, parse, plan, type CelInput, type CelResult } from '@bufbuild/cel'
import { strings } from '@bufbuild/cel/ext'
import { RE2JS } from '@bufbuild/re2'
import { crdCelRules, parseRuleFieldPath, valuesAt, type CrdCelRule } from './cel-rules.ts'
import type { JsonSchema } from './schema.ts'
import type { DocPath, Issue } from './types.ts'

// The library compiles a `matches()` pattern on every call; a CRD's patterns are constants, and
// compiling them was most of the CEL layer's time. Bounded, as a pattern may come from the object.
const compiled = new Map<string, RE2JS>()
function compileRe2(pattern: string): RE2JS {
  let re = compiled.get(pattern)
  if (!re) {
    if (compiled.size >= 256) compiled.clear()
    compiled.set(pattern, (re = RE2JS.compile(pattern)))
  }
  return re
}

// Kubernetes' CEL environment includes the strings extension (lowerAscii, split, join, …).
const env = celEnv({ funcs: strings, re2: { compile: compileRe2 } })

type Program = (bindings: Record<string, CelInput>) => CelResult

/** A rule ready to run, or the reason the editor cannot run it. */
export interface CompiledCelRule extends CrdCelRule {
  program?: Program
  messageProgram?: Program
  /** Set when only the API server can evaluate the rule. */
  serverOnly?: string
}

function functionsOf(expr: unknown, out = new Set<string>()): Set<string> {
  if (!expr || typeof expr !== 'object') return out
  const e = expr as { exprKind?: { case?: string; value?: { function?: string } } }
  if (e.exprKind?.case === 'callExpr' && e.exprKind.value?.function)
    out.add(e.exprKind.value.function)
  for (const v of Object.values(expr)) if (v && typeof v === 'object') functionsOf(v, out)
  return out
}

/** Functions the rule calls that this environment lacks (operators are the planner's own). */
function missingFunctions(expr: unknown): string[] {
  return [...functionsOf(expr)].filter((f) => !/^[_@!]/.test(f) && !env.funcs.find(f))
}

function compileOne(r: CrdCelRule): CompiledCelRule {
  if (/\boldSelf\b/.test(r.rule))
    return { ...r, serverOnly: 'a transition rule: it compares with the stored object' }
  try {
    const parsed = parse(r.rule)
    const missing = missingFunctions(parsed.expr)
    if (missing.length)
      return { ...r, serverOnly: `it uses ${missing.join(', ')}, which the editor cannot evaluate` }
    const program = plan(env, parsed) as Program
    let messageProgram: Program | undefined
    if (r.messageExpression) {
      try {
        const m = parse(r.messageExpression)
        if (!missingFunctions(m.expr).length) messageProgram = plan(env, m) as Program
      } catch {
        // the static message (or the rule) stands in, as below
      }
    }
    return { ...r, program, ...(messageProgram ? { messageProgram } : {}) }
  } catch (err) {
    return { ...r, serverOnly: `the editor cannot parse it (${(err as Error).message})` }
  }
}

const cache = new WeakMap<object, Map<string, CompiledCelRule[]>>()

/** Every CEL rule of a CRD version, compiled once per (CRD object, version). */
export function compiledCelRules(crd: unknown, version: string): CompiledCelRule[] {
  if (!crd || typeof crd !== 'object') return []
  let perCrd = cache.get(crd)
  if (!perCrd) cache.set(crd, (perCrd = new Map()))
  let rules = perCrd.get(version)
  if (!rules) perCrd.set(version, (rules = crdCelRules(crd, version).map(compileOne)))
  return rules
}

function schemaType(node: JsonSchema): string | undefined {
  if (node['x-kubernetes-int-or-string'] === true) return 'int-or-string'
  return typeof node.type === 'string' ? node.type : undefined
}

/** The API server runs a rule only on a value of the node's type (else it is a schema error). */
function hasDeclaredType(node: JsonSchema, v: unknown): boolean {
  switch (schemaType(node)) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v)
    case 'array':
      return Array.isArray(v)
    case 'string':
      return typeof v === 'string'
    case 'integer':
      return Number.isInteger(v)
    case 'number':
      return typeof v === 'number'
    case 'boolean':
      return typeof v === 'boolean'
    case 'int-or-string':
      return Number.isInteger(v) || typeof v === 'string'
    default:
      return true
  }
}

/**
 * A JSON value as CEL sees it under `node`: integers are CEL ints (bigint) except where the schema
 * says `number`; the schema's defaults are applied, as the API server defaults before validating.
 */
export function toCel(v: unknown, node: JsonSchema | undefined): CelInput {
  if (typeof v === 'number') return node?.type === 'number' || !Number.isInteger(v) ? v : BigInt(v)
  if (Array.isArray(v)) return v.map((x) => toCel(x, node?.items as JsonSchema | undefined))
  if (v && typeof v === 'object') {
    const props = (node?.properties ?? {}) as Record<string, JsonSchema>
    const extra = node?.additionalProperties
    const out = new Map<string, CelInput>()
    for (const [k, p] of Object.entries(props))
      if (!(k in v) && p.default !== undefined) out.set(k, toCel(p.default, p))
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === null) continue // a null field is absent for has() once pruned
      const child =
        props[k] ?? (extra && typeof extra === 'object' ? (extra as JsonSchema) : undefined)
      out.set(k, toCel(x, child))
    }
    return out
  }
  return v as CelInput
}

/** A failed rule's message: messageExpression, else message, else the API server's default. */
function messageOf(r: CompiledCelRule, bindings: Record<string, CelInput>): string {
  if (r.messageProgram) {
    const m = r.messageProgram(bindings)
    if (typeof m === 'string' && m.trim()) return m
  }
  return r.message ?? `failed rule: ${r.rule}`
}

function serverOnlyIssue(r: CompiledCelRule, path: DocPath, why: string): Issue {
  return {
    path,
    message: `Only the API server checks the CRD rule "${r.message ?? r.rule}": ${why}. Validate on server to run it.`,
    severity: 'warning',
    source: 'cel',
    serverCheck: true,
  }
}

const UNSUPPORTED = /unbound function|no matching overload|unsupported/i

/** Every CEL rule of the CRD version applied to `obj`. */
export function celIssues(obj: unknown, crd: unknown, version: string): Issue[] {
  const out: Issue[] = []
  for (const r of compiledCelRules(crd, version)) {
    const targets = valuesAt(obj, r.segments).filter((t) => hasDeclaredType(r.node, t.value))
    if (r.serverOnly) {
      // Said once per rule, at its first value (or where the rule sits when there is none yet).
      if (targets.length) out.push(serverOnlyIssue(r, targets[0]!.path, r.serverOnly))
      continue
    }
    for (const { path, value } of targets) {
      const bindings = { self: toCel(value, r.node) }
      const result = r.program!(bindings)
      if (result === true) continue
      if (isCelError(result) && UNSUPPORTED.test(result.message)) {
        out.push(serverOnlyIssue(r, path, `the editor cannot evaluate it (${result.message})`))
        continue
      }
      const at = r.fieldPath ? parseRuleFieldPath(r.fieldPath) : []
      const message = isCelError(result)
        ? `${messageOf(r, bindings)} (evaluation error: ${result.message})`
        : messageOf(r, bindings)
      out.push({ path: [...path, ...(at ?? [])], message, severity: 'error', source: 'cel' })
    }
  }
  return out
}
