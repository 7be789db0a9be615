// A UI5 icon drawn as plain inline SVG from the icon's path data. A `ui5-icon` is a web component
// with its own shadow root and async path lookup; in table rows that are created and dropped on
// every scroll step (the virtualized API Rule list) that cost shows up as dropped frames, so rows
// use this instead. Import the icon's data from `@ui5/webcomponents-icons/dist/v5/<name>.js`
// (the Horizon set the dashboard's themes use).
import './components.css'

export interface IconData {
  pathData: string
  viewBox: string
}

export interface InlineIconProps {
  icon: IconData
  className?: string
  /** Accessible name; without it the icon is decorative (hidden from assistive technology). */
  label?: string
}

export function InlineIcon({ icon, className, label }: InlineIconProps) {
  return (
    <svg
      className={className ? `kd-inline-icon ${className}` : 'kd-inline-icon'}
      viewBox={icon.viewBox}
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      {label && <title>{label}</title>}
      <path d={icon.pathData} />
    </svg>
  )
}
