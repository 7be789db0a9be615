// The side navigation's section links, as plain links with inline icons. UI5's SideNavigation
// brings its overflow menu, list, split button and four stylesheets into the first load (about
// 30 KB of gzip JavaScript, issue 16) for three links; these look the same with the theme's CSS
// variables, and are real links (middle-click opens a tab).
import * as actionIcon from '@ui5/webcomponents-icons/dist/v5/action.js'
import * as chainLinkIcon from '@ui5/webcomponents-icons/dist/v5/chain-link.js'
import * as connectedIcon from '@ui5/webcomponents-icons/dist/v5/connected.js'
import { useNavigate } from 'react-router'
import { InlineIcon, type IconData } from '../components/InlineIcon.tsx'

export interface Section {
  key: string
  text: string
  icon: IconData
}

export const SECTIONS: readonly Section[] = [
  { key: 'apirules', text: 'API Rules', icon: chainLinkIcon },
  { key: 'services', text: 'Services', icon: connectedIcon },
  { key: 'functions', text: 'Functions', icon: actionIcon },
]

interface Props {
  /** The section shown now. */
  current: string
  /** Icons only, names as tooltips. */
  collapsed: boolean
  pathOf: (section: string) => string
}

export function SideNav({ current, collapsed, pathOf }: Props) {
  const navigate = useNavigate()
  return (
    <ul className={collapsed ? 'app-nav-list app-nav-collapsed' : 'app-nav-list'}>
      {SECTIONS.map((s) => {
        const to = pathOf(s.key)
        return (
          <li key={s.key}>
            <a
              href={to}
              className="app-nav-link"
              aria-current={s.key === current ? 'page' : undefined}
              title={collapsed ? s.text : undefined}
              onClick={(e) => {
                if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return
                e.preventDefault()
                navigate(to)
              }}
            >
              <InlineIcon icon={s.icon} />
              <span className="app-nav-text">{s.text}</span>
            </a>
          </li>
        )
      })}
    </ul>
  )
}
