// Light and dark theme: follows the system by default, switchable, remembered per browser.
// Embedded views may force a theme with `?theme=sap_horizon_dark`.
import { setTheme } from '@ui5/webcomponents-base/dist/config/Theme.js'
import { useSyncExternalStore } from 'react'

export type ThemePreference = 'system' | 'light' | 'dark'
export const LIGHT_THEME = 'sap_horizon'
export const DARK_THEME = 'sap_horizon_dark'
const STORAGE_KEY = 'kyma-dashboard.theme'
const ALLOWED_URL_THEMES = new Set([LIGHT_THEME, DARK_THEME, 'sap_horizon_hcb', 'sap_horizon_hcw'])

const listeners = new Set<() => void>()
const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)')

export function getThemePreference(): ThemePreference {
  const stored = localStorage.getItem(STORAGE_KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

/** The UI5 theme to use for a preference, the system setting and an optional URL override. */
export function resolveTheme(pref: ThemePreference, systemDark: boolean, urlTheme?: string | null) {
  if (urlTheme && ALLOWED_URL_THEMES.has(urlTheme)) return urlTheme
  if (pref === 'system') return systemDark ? DARK_THEME : LIGHT_THEME
  return pref === 'dark' ? DARK_THEME : LIGHT_THEME
}

function apply() {
  const urlTheme = new URLSearchParams(window.location.search).get('theme')
  const theme = resolveTheme(getThemePreference(), darkQuery()?.matches ?? false, urlTheme)
  document.documentElement.dataset.theme = theme
  void setTheme(theme)
}

export function setThemePreference(pref: ThemePreference) {
  if (pref === 'system') localStorage.removeItem(STORAGE_KEY)
  else localStorage.setItem(STORAGE_KEY, pref)
  apply()
  listeners.forEach((l) => l())
}

export function applyInitialTheme() {
  apply()
  darkQuery()?.addEventListener('change', apply)
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    getThemePreference,
    () => 'system' as const,
  )
}
