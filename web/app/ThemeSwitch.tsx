import { SegmentedButton, SegmentedButtonItem } from '@ui5/webcomponents-react'
import { setThemePreference, useThemePreference, type ThemePreference } from './theme.ts'

const OPTIONS: { value: ThemePreference; text: string }[] = [
  { value: 'system', text: 'Auto' },
  { value: 'light', text: 'Light' },
  { value: 'dark', text: 'Dark' },
]

/** Light / dark / follow-the-system switch for the header bar. */
export function ThemeSwitch() {
  const pref = useThemePreference()
  return (
    <SegmentedButton
      accessibleName="Theme"
      onSelectionChange={(e) => {
        const value = e.detail.selectedItems[0]?.dataset.value as ThemePreference | undefined
        if (value) setThemePreference(value)
      }}
    >
      {OPTIONS.map((o) => (
        <SegmentedButtonItem key={o.value} data-value={o.value} selected={pref === o.value}>
          {o.text}
        </SegmentedButtonItem>
      ))}
    </SegmentedButton>
  )
}
