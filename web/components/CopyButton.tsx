// Copies a text to the clipboard and says so.
import { Button } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/copy.js'
import { useEffect, useState } from 'react'
import { copyText } from './clipboard.ts'

export { copyText }

export interface CopyButtonProps {
  text: string
  /** Visible text; omit for an icon-only button. */
  label?: string
  /** Accessible name (and tooltip); defaults to the label or "Copy". */
  accessibleName?: string
  design?: 'Default' | 'Transparent'
  className?: string
}

export function CopyButton({
  text,
  label,
  accessibleName,
  design = 'Transparent',
  className,
}: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'failed' | undefined>()
  useEffect(() => {
    if (!result) return
    const t = setTimeout(() => setResult(undefined), 2000)
    return () => clearTimeout(t)
  }, [result])
  const name = accessibleName ?? label ?? 'Copy'
  const feedback = result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed' : undefined
  return (
    <>
      <Button
        className={className}
        design={design}
        icon="copy"
        tooltip={feedback ?? name}
        accessibleName={name}
        onClick={async (e) => {
          e.stopPropagation()
          setResult((await copyText(text)) ? 'copied' : 'failed')
        }}
      >
        {label ? (feedback ?? label) : undefined}
      </Button>
      <span role="status" aria-live="polite" style={{ position: 'absolute', left: '-10000px' }}>
        {feedback ?? ''}
      </span>
    </>
  )
}
