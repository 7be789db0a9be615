// Unsaved editor text kept in sessionStorage, so a reload does not lose work.
export function draftKey(mode: 'create' | 'edit', ns: string, name?: string): string {
  return `apirule-editor-draft:${mode}:${ns}:${name ?? ''}`
}

export function readDraft(key: string): string | null {
  try {
    return sessionStorage.getItem(key)
  } catch {
    return null
  }
}

export function writeDraft(key: string, text: string | null): void {
  try {
    if (text === null) sessionStorage.removeItem(key)
    else sessionStorage.setItem(key, text)
  } catch {
    // storage full or disabled: drafts are a convenience
  }
}

/** How long typing must pause before the draft is written. */
export const DRAFT_DELAY_MS = 1000

/**
 * Writes the document's text with `write` once the edits pause, when the page is idle: storing
 * 300 KB in sessionStorage takes ≈ 20 ms, which must not land between two keystrokes. Returns the
 * function that stops it.
 */
export function scheduleDrafts(
  store: { subscribe: (l: () => void) => () => void; readonly text: string },
  write: (text: string) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let idle: number | undefined
  let pending = false
  const cancel = () => {
    clearTimeout(timer)
    if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle)
    idle = undefined
  }
  const flush = () => {
    cancel()
    if (pending) write(store.text)
    pending = false
  }
  const off = store.subscribe(() => {
    cancel()
    pending = true
    timer = setTimeout(() => {
      if (typeof requestIdleCallback !== 'function') return flush()
      idle = requestIdleCallback(flush, { timeout: DRAFT_DELAY_MS })
    }, DRAFT_DELAY_MS)
  })
  // A reload or a closed tab right after typing still keeps the last keystrokes.
  window.addEventListener('pagehide', flush)
  return () => {
    off()
    cancel()
    window.removeEventListener('pagehide', flush)
  }
}

export type EditorView = 'form' | 'yaml' | 'split'
const VIEW_KEY = 'apirule-editor-view'

export function rememberedView(): EditorView {
  try {
    const v = localStorage.getItem(VIEW_KEY)
    return v === 'yaml' || v === 'split' ? v : 'form'
  } catch {
    return 'form'
  }
}

export function rememberView(view: EditorView): void {
  try {
    localStorage.setItem(VIEW_KEY, view)
  } catch {
    // ignore
  }
}
