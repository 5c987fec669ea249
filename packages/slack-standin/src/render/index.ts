export { blocksToHtml, messageBodyHtml } from './blocks';
export type { TRenderContext } from './context';
export { formatSlackDate, messageTime } from './dates';
export { plainText } from './elements';
export { emojiFor } from './emoji';
export { mrkdwnToHtml, plainTextToHtml } from './mrkdwn';
