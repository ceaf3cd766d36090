export { diffRequests, type BusDiff, type Change, type ChangeAction, type ChangeKind } from './changes';
export { formatDiffJson, formatDiffMarkdown, formatDiffText, MARKDOWN_LIMIT } from './format';
