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
