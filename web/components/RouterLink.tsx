// A UI5 Link that navigates inside the app without a page load (and still works with
// middle-click / Ctrl+click, because it has a real href).
import { Link } from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import { useNavigate } from 'react-router'

export interface RouterLinkProps {
  to: string
  children: ReactNode
  tooltip?: string
  accessibleName?: string
  className?: string
}

export function RouterLink({ to, children, tooltip, accessibleName, className }: RouterLinkProps) {
  const navigate = useNavigate()
  return (
    <Link
      href={to}
      className={className}
      tooltip={tooltip}
      accessibleName={accessibleName}
      onClick={(e) => {
        const ev = e.detail as
          { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean } | undefined
        if (ev?.ctrlKey || ev?.metaKey || ev?.shiftKey || ev?.altKey) return
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </Link>
  )
}
