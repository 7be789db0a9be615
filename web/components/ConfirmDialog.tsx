// A confirmation that names exactly what will happen ("Delete 3 APIRules: a, b, c").
import { Bar, Button, Dialog, Text } from '@ui5/webcomponents-react'
import './components.css'

export interface ConfirmDialogProps {
  open: boolean
  title: string
  message: string
  /** The names of what will be affected; listed in full. */
  items?: readonly string[]
  confirmText?: string
  /** Negative (destructive) by default. */
  confirmDesign?: 'Negative' | 'Emphasized'
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function ConfirmDialog({
  open,
  title,
  message,
  items = [],
  confirmText = 'Delete',
  confirmDesign = 'Negative',
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      headerText={title}
      accessibleName={title}
      onClose={onCancel}
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design={confirmDesign} onClick={onConfirm} disabled={busy} loading={busy}>
                {confirmText}
              </Button>
              <Button design="Transparent" onClick={onCancel}>
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <Text>{message}</Text>
      {items.length > 0 && (
        <ul className="kd-confirm-list" aria-label="Affected items">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
