// The editor's single source of truth: the YAML text and its parsed `Document` (eemeli/yaml).
// Form edits go through setField/deleteField, which change the Document in place (doc.setIn), so
// comments, key order and fields the form does not know survive; the text is then re-printed in
// the source's own indentation style. YAML edits go through replaceText. A text that does not
// parse keeps the last good Document (and value) and exposes the parse error.
import { Document, isMap, isScalar, isSeq, parseDocument, type ToStringOptions } from 'yaml'
import { getAt, structuralShare } from './structural.ts'
import { unknownPaths, type FormShape } from './form-shape.ts'
import {
  changedSpan,
  plainValue,
  scalarAt,
  setAtPath,
  shifted,
  shiftRanges,
  type RangeMap,
  type Shift,
} from './scalar-edit.ts'

/** Pending range shifts are applied to the Document once this many have gathered. */
const MAX_PENDING_SHIFTS = 64

export type DocPath = readonly (string | number)[]

export interface ParseProblem {
  message: string
  /** 1-based */
  line: number
  /** 1-based */
  col: number
}

/** A text range, 1-based lines and columns (Monaco's convention), end exclusive. */
export interface TextRange {
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
}

type Listener = () => void

/**
 * How the text of the last change event came from the text before it, when the engine knows
 * (a form edit or a typed character inside one scalar): `before.slice(0, from) + insert +
 * before.slice(to)`. A view holding `before` applies just this edit instead of diffing 300 KB.
 */
export interface TextChange {
  before: string
  from: number
  to: number
  insert: string
}

/** Guesses indentation style from the source so re-printing changes as little as possible. */
export function detectStyle(text: string): ToStringOptions {
  const lines = text.split('\n')
  let indent = 0
  let indentSeq = true
  let seqDecided = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const m = /^( *)\S/.exec(line)
    if (!m || line.trimStart().startsWith('#')) continue
    const ind = m[1]?.length ?? 0
    if (ind > 0 && (indent === 0 || ind < indent) && !line.trimStart().startsWith('- '))
      indent = ind
    if (!seqDecided && /^( *)[^\s#-][^:]*:\s*(#.*)?$/.test(line)) {
      const next = lines.slice(i + 1).find((l) => l.trim() && !l.trim().startsWith('#'))
      const nm = next ? /^( *)- /.exec(next) : null
      if (nm) {
        indentSeq = (nm[1]?.length ?? 0) > ind
        seqDecided = true
      }
    }
  }
  return {
    indent: indent >= 2 && indent <= 8 ? indent : 2,
    indentSeq,
    lineWidth: 0,
    flowCollectionPadding: /[[{] \S/.test(text),
  }
}

function toProblem(err: {
  message: string
  linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, unknown]
}): ParseProblem {
  const pos = err.linePos?.[0]
  const first = (err.message.split('\n')[0] ?? err.message).replace(
    / at line \d+, column \d+:?$/,
    '',
  )
  return { message: first, line: pos?.line ?? 1, col: pos?.col ?? 1 }
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key)
}

export class EditorDocument {
  #text: string
  #doc: Document
  #value: unknown
  #error: ParseProblem | null = null
  /** True while #doc's node ranges describe #text. */
  #fresh = true
  #lineStarts: number[] | null = null
  /** The source's print style; null until a form edit needs it after a YAML edit. */
  #style: ToStringOptions | null
  #listeners = new Set<Listener>()
  #revision = 0
  #lastChange: TextChange | null = null
  /**
   * Text edits of the fast paths whose range shifts the Document's nodes do not carry yet: moving
   * every range after each keystroke walks the whole Document (thousands of rules), so the fast
   * paths read ranges through these and they are applied once, later (see #flushShifts).
   */
  #shifts: Shift[] = []
  #current: RangeMap = (r) => (this.#shifts.length ? shifted(r, this.#shifts) : r)

  constructor(text: string) {
    this.#text = text
    this.#style = detectStyle(text)
    const doc = parseDocument(text)
    if (doc.errors.length > 0) {
      this.#error = toProblem(doc.errors[0]!)
      this.#doc = new Document({})
    } else this.#doc = doc
    this.#value = this.#toValue()
  }

  static fromObject(obj: unknown): EditorDocument {
    return new EditorDocument(new Document(obj).toString({ lineWidth: 0 }))
  }

  get text(): string {
    return this.#text
  }
  /** The last Document that parsed (its node ranges describe the text when it is fresh). */
  get doc(): Document {
    this.#flushShifts()
    return this.#doc
  }
  /** The document as plain JSON, structurally shared between revisions. */
  get value(): unknown {
    return this.#value
  }
  get error(): ParseProblem | null {
    return this.#error
  }
  get revision(): number {
    return this.#revision
  }
  /** The text edit behind the last change event, or null when it is not known (a re-print). */
  get lastChange(): TextChange | null {
    return this.#lastChange
  }

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit() {
    this.#revision++
    for (const l of [...this.#listeners]) l()
  }

  #toValue(): unknown {
    return structuralShare(this.#value, this.#doc.toJS({ maxAliasCount: 1000 }) as unknown)
  }

  /**
   * One text edit (a YAML keystroke: Monaco reports where it changed), without comparing the whole
   * text to find the change.
   */
  editText(from: number, to: number, insert: string): void {
    const next = this.#text.slice(0, from) + insert + this.#text.slice(to)
    this.#replace(next, [from, to, from + insert.length])
  }

  /** Replaces the whole text (YAML view). Reparses once, unless only one plain scalar changed. */
  replaceText(text: string): void {
    this.#replace(text)
  }

  #replace(text: string, span?: [number, number, number]): void {
    if (text === this.#text) return
    if (this.#editScalarInText(text, span)) return
    this.#lastChange = null
    this.#text = text
    this.#lineStarts = null
    const doc = parseDocument(text)
    this.#shifts = [] // a new Document, or ranges that no longer describe the text
    if (doc.errors.length > 0) {
      this.#error = toProblem(doc.errors[0]!)
      this.#fresh = false
    } else {
      this.#error = null
      this.#doc = doc
      this.#fresh = true
      this.#style = null // detected at the next form edit, not on every YAML keystroke
      this.#value = this.#toValue()
    }
    this.#emit()
  }

  /** Applies mutations to the Document and re-prints the text; one change event. */
  update(mutate: (doc: Document) => void): void {
    if (this.#error) throw new Error('The YAML does not parse; fix it before editing in the form.')
    mutate(this.#doc)
    this.#style ??= detectStyle(this.#text)
    const text = this.#doc.toString(this.#style)
    this.#fresh = false
    this.#shifts = []
    this.#lineStarts = null
    this.#value = this.#toValue()
    this.#lastChange = null
    this.#text = text
    this.#emit()
  }

  /**
   * Fast path of replaceText: the edit lies inside one plain scalar of a Document that describes
   * the current text. The node takes the new value and later ranges move (see scalar-edit.ts).
   */
  #editScalarInText(next: string, span?: [number, number, number]): boolean {
    if (this.#error || !this.#fresh) return false
    const [start, endPrev, endNext] = span ?? changedSpan(this.#text, next)
    const hit = scalarAt(this.#doc, this.#text, start, endPrev, this.#current)
    if (!hit) return false
    const [from, to] = this.#current(hit.node.range as [number, number, number])
    const source = next.slice(from, to + (endNext - endPrev))
    const value = plainValue(source, hit.inFlow)
    if (value === undefined) return false
    this.#lastChange = {
      before: this.#text,
      from: start,
      to: endPrev,
      insert: next.slice(start, endNext),
    }
    this.#applyScalar(hit.node, hit.path, source, value, endPrev, endNext - endPrev, next)
    return true
  }

  /** Fast path of setField: a new plain value for an existing plain scalar, spliced into the text. */
  #setScalarInText(path: DocPath, value: unknown): boolean {
    if (this.#error || !this.#fresh) return false
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return false
    const node = this.#doc.getIn(path, true)
    if (!isScalar(node) || !node.range) return false
    const [from, to] = this.#current(node.range)
    const hit = scalarAt(this.#doc, this.#text, from, to, this.#current)
    if (!hit || hit.node !== node) return false
    const source = String(value)
    if (plainValue(source, hit.inFlow) !== value) return false // would need quotes or change type
    const next = this.#text.slice(0, from) + source + this.#text.slice(to)
    this.#lastChange = { before: this.#text, from, to, insert: source }
    this.#applyScalar(node, hit.path, source, value, to, source.length - (to - from), next)
    return true
  }

  #applyScalar(
    node: { value: unknown; source?: string },
    path: (string | number)[],
    source: string,
    value: unknown,
    at: number,
    delta: number,
    next: string,
  ) {
    node.value = value
    node.source = source
    if (delta !== 0) this.#shifts.push([at, delta])
    if (this.#shifts.length >= MAX_PENDING_SHIFTS) this.#flushShifts()
    this.#text = next
    this.#lineStarts = null
    this.#value = setAtPath(this.#value, path, value)
    this.#emit()
  }

  /** Sets a value in place; `undefined` deletes. Works through missing parents. */
  setField(path: DocPath, value: unknown): void {
    if (value === undefined) {
      this.deleteField(path)
      return
    }
    if (this.#setScalarInText(path, value)) return
    this.update((doc) => {
      // setIn keeps an existing scalar node and its quote style. A template's empty "" would make
      // every typed value come out quoted; a plain style still quotes where YAML needs it.
      const existing = doc.getIn(path, true)
      if (isScalar(existing) && existing.value === '' && typeof value === 'string')
        existing.type = undefined
      try {
        doc.setIn(path, value)
      } catch {
        // a scalar sits where a collection is needed: replace the deepest blocking node
        for (let i = path.length - 1; i >= 1; i--) {
          try {
            doc.deleteIn(path.slice(0, i))
            doc.setIn(path, value)
            return
          } catch {
            // try a shallower parent
          }
        }
        doc.contents = doc.createNode({}) as never
        doc.setIn(path, value)
      }
    })
  }

  deleteField(path: DocPath): void {
    if (!this.#doc.hasIn(path)) return
    this.update((doc) => {
      doc.deleteIn(path)
    })
  }

  getField(path: DocPath): unknown {
    return getAt(this.#value, path)
  }

  /** Renames a key of the map at `mapPath`, keeping its position, value and comments. */
  renameKey(mapPath: DocPath, from: string, to: string): void {
    if (from === to) return
    this.update((doc) => {
      const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true)
      if (!isMap(map)) return
      const pair = map.items.find((p) => keyOf(p.key) === from)
      if (!pair) return
      if (isScalar(pair.key)) pair.key.value = to
      else pair.key = doc.createNode(to)
    })
  }

  /** Moves item `from` of the sequence at `seqPath` to index `to` (comments travel with it). */
  moveItem(seqPath: DocPath, from: number, to: number): void {
    this.update((doc) => {
      const seq = doc.getIn(seqPath, true)
      if (!isSeq(seq) || to < 0 || to >= seq.items.length) return
      const [item] = seq.items.splice(from, 1)
      seq.items.splice(to, 0, item)
    })
  }

  /** Inserts `value` into the sequence at `seqPath` (appends when `index` is omitted). */
  insertItem(seqPath: DocPath, value: unknown, index?: number): void {
    this.update((doc) => {
      const seq = doc.getIn(seqPath, true)
      const node = doc.createNode(value)
      if (isSeq(seq)) seq.items.splice(index ?? seq.items.length, 0, node)
      else doc.setIn(seqPath, doc.createNode([value]))
    })
  }

  /** Paths shown by no form field, for "Also in YAML: …". */
  listUnknownFields(shape: FormShape): (string | number)[][] {
    return unknownPaths(this.#value, shape)
  }

  #flushShifts() {
    if (!this.#shifts.length) return
    shiftRanges(this.#doc, this.#shifts)
    this.#shifts = []
  }

  #ensureFresh() {
    if (this.#fresh || this.#error) return
    const doc = parseDocument(this.#text)
    if (doc.errors.length === 0) this.#doc = doc
    this.#fresh = true
    this.#shifts = []
  }

  #pos(offset: number): { line: number; col: number } {
    if (!this.#lineStarts) {
      const starts = [0]
      for (let i = 0; i < this.#text.length; i++) if (this.#text[i] === '\n') starts.push(i + 1)
      this.#lineStarts = starts
    }
    const starts = this.#lineStarts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 }
  }

  #toRange(start: number, end: number): TextRange {
    const s = this.#pos(start)
    let e = this.#pos(Math.max(start, end))
    // keep multi-line collections to their first line
    if (e.line > s.line) {
      const lineEnd = this.#text.indexOf('\n', start)
      e = this.#pos(lineEnd < 0 ? this.#text.length : lineEnd)
    }
    if (e.line === s.line && e.col <= s.col) e = { line: s.line, col: s.col + 1 }
    return { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col }
  }

  /**
   * The text range of a document path (for Monaco markers). A path that is not in the text
   * (a missing required field) maps to the nearest ancestor that is. Returns the first line when
   * nothing matches.
   */
  rangeOf(path: DocPath): TextRange {
    if (this.#error) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
    this.#ensureFresh()
    this.#flushShifts()
    let node: unknown = this.#doc.contents
    let best: [number, number] | undefined
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => keyOf(p.key) === String(seg))
        if (!pair) break
        const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range
        const val = pair.value as { range?: [number, number, number] } | null
        node = pair.value
        if (isScalar(val) && val.range) best = [keyRange?.[0] ?? val.range[0], val.range[1]]
        else if (keyRange) best = [keyRange[0], keyRange[1]]
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as { range?: [number, number, number] } | undefined
        if (!item?.range) break
        node = item
        best = [item.range[0], item.range[1]]
      } else break
    }
    if (!best) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
    return this.#toRange(best[0], best[1])
  }
}
