// Which fields of a document a form shows, and which present fields it does not (the editor lists
// those as "Also in YAML: …", so the user knows they exist and are kept).

/** '*': any content is shown by the form (free maps, free config); 'list': an array of scalars;
 * '[]' describes every item of an array. */
export type FormShape = { [key: string]: FormShape | '*' | 'list' } | '*'

/** Paths (as `spec.foo[0].bar` strings) present in `value` that `shape` does not show. */
export function unknownPaths(value: unknown, shape: FormShape): (string | number)[][] {
  const out: (string | number)[][] = []
  const walk = (v: unknown, s: FormShape | 'list', path: (string | number)[]) => {
    if (s === '*' || s === 'list') return
    if (Array.isArray(v)) {
      const item = s['[]']
      if (!item) {
        out.push(path)
        return
      }
      v.forEach((x, i) => walk(x, item, [...path, i]))
      return
    }
    if (v === null || typeof v !== 'object') return
    for (const [k, child] of Object.entries(v)) {
      const cs = s[k]
      if (cs === undefined) out.push([...path, k])
      else walk(child, cs, [...path, k])
    }
  }
  walk(value, shape, [])
  return out
}
