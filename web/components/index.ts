// Shared UI components.
export { Age, formatAge, useNow } from './Age.tsx'
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog.tsx'
export { ConnectionIndicator } from './ConnectionIndicator.tsx'
export { CopyButton, copyText, type CopyButtonProps } from './CopyButton.tsx'
export { DetailsPageFrame, type DetailsPageFrameProps } from './DetailsPageFrame.tsx'
export { EmptyState, type EmptyStateProps } from './EmptyState.tsx'
export { ErrorBanner, type ErrorBannerProps } from './ErrorBanner.tsx'
export { KeyValueTags, type KeyValueTagsProps } from './KeyValueTags.tsx'
export {
  byNamespaceAndName,
  listCountText,
  ListPageHeader,
  ListStates,
  type ListPageHeaderProps,
  type ListStatesProps,
} from './ListPage.tsx'
export { LoadingSkeleton, type LoadingSkeletonProps } from './LoadingSkeleton.tsx'
export { ObjectEvents, type ObjectEventsProps, type ObjectRef } from './ObjectEvents.tsx'
export { RouterLink, type RouterLinkProps } from './RouterLink.tsx'
export { YamlViewer, toYaml, type YamlViewerProps } from './YamlViewer.tsx'
