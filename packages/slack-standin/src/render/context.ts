/** What rendering needs to know about the workspace: names for IDs, the reader's time zone, where files live. */
export interface TRenderContext {
  userName(userId: string): string | undefined;
  channelName(channelId: string): string | undefined;
  usergroupName(usergroupId: string): string | undefined;
  people(): Array<{ id: string; name: string }>;
  channels(): Array<{ id: string; name: string }>;
  /** IANA zone the reader's browser reported; dates are shown in it. */
  timeZone: string;
  now: Date;
  /** Host of the stand-in's permalinks (`standin.slack.com`): such links jump to the message on the page. */
  permalinkHost: string;
  fileUrl(fileId: string): string;
}
