// A text shown on one line and cut with an ellipsis, whose whole text appears on hover AND on
// keyboard focus (a `title` alone shows on hover only, and is not read by every screen reader).
// The whole text stays in the DOM, so screen readers read all of it; the floating copy is for the
// eyes only (aria-hidden). It floats in a portal on the body, so tables that clip their cells
// (overflow: hidden, contain: strict) do not cut it.
import { useLayoutEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import './components.css'
import './page.css'

export function ClippedText({
  text,
  className = '',
  label,
}: {
  text: string
  className?: string
  /** Read before the text by screen readers (e.g. "Controller says"). */
  label?: string
}) {
  const ref = useRef<HTMLSpanElement>(null)
  const [open, setOpen] = useState(false)
  const [at, setAt] = useState<{ left: number; top: number; width: number }>()
  useLayoutEffect(() => {
    if (!open || !ref.current) return
    const r = ref.current.getBoundingClientRect()
    setAt({ left: r.left, top: r.bottom + 4, width: Math.max(r.width, 320) })
  }, [open])
  return (
    <>
      <span
        ref={ref}
        className={`kd-clipped ${className}`}
        // Focusable so keyboard users can reveal the whole text; it is text, not a control.
        tabIndex={0}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
      >
        {label ? <span className="kd-visually-hidden">{`${label}: `}</span> : null}
        {text}
      </span>
      {open && at
        ? createPortal(
            <span
              className="kd-clipped-popover"
              aria-hidden="true"
              style={{ left: at.left, top: at.top, maxWidth: Math.min(at.width, 560) }}
            >
              {text}
            </span>,
            document.body,
          )
        : null}
    </>
  )
}
