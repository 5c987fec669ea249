import type { ModalView } from '@slack/types';
import { INTAKE_SUMMARY_MAX_LENGTH, SEVERITIES } from '../../core/escalations/escalation-vocabulary';
import { plainOf } from '../../core/shared/text/mrkdwn';
import { truncate } from '../kit/block-limits';
import { CallbackId } from '../kit/ids';

export const IntakeBlock = {
  Summary: 'summary',
  Customer: 'customer',
  Severity: 'severity',
  Tags: 'tags',
  Link: 'link',
} as const;
export const INTAKE_ACTION = 'value';

export interface TIntakeMetadata {
  channelId: string;
  messageTs?: string;
  responseUrl?: string;
}

export interface TIntakePrefill {
  summary?: string;
  link?: string;
  /** e.g. from an at-risk announcement's "Open escalation" button. */
  customer?: string;
}

/** The intake form, used by `/advocate` with no text and by the "Flag for advocacy" message shortcut. */
export function intakeModal(metadata: TIntakeMetadata, prefill: TIntakePrefill = {}): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.IntakeModal,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Flag for advocacy' },
    submit: { type: 'plain_text', text: 'Flag' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: IntakeBlock.Summary,
        label: { type: 'plain_text', text: 'What is the customer facing?' },
        hint: {
          type: 'plain_text',
          text: `Up to ${INTAKE_SUMMARY_MAX_LENGTH.toLocaleString('en-US')} characters, Slack's limit for a form field. For longer text (a pasted email), use /advocate <summary>, which takes up to 40,000.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: INTAKE_ACTION,
          multiline: true,
          max_length: INTAKE_SUMMARY_MAX_LENGTH,
          // Input values are plain text: mentions and links in a shortcut's message are shown as words.
          ...(prefill.summary ? { initial_value: truncate(plainOf(prefill.summary), INTAKE_SUMMARY_MAX_LENGTH) } : {}),
        },
      },
      {
        type: 'input',
        block_id: IntakeBlock.Customer,
        optional: true,
        label: { type: 'plain_text', text: 'Customer' },
        element: {
          type: 'plain_text_input',
          action_id: INTAKE_ACTION,
          max_length: 200,
          placeholder: { type: 'plain_text', text: 'Acme Corp' },
          ...(prefill.customer ? { initial_value: truncate(plainOf(prefill.customer), 200) } : {}),
        },
      },
      {
        type: 'input',
        block_id: IntakeBlock.Severity,
        label: { type: 'plain_text', text: 'Severity' },
        element: {
          type: 'static_select',
          action_id: INTAKE_ACTION,
          initial_option: { text: { type: 'plain_text', text: 'medium' }, value: 'medium' },
          options: SEVERITIES.map((severity) => ({
            text: { type: 'plain_text' as const, text: severity },
            value: severity,
          })),
        },
      },
      {
        type: 'input',
        block_id: IntakeBlock.Tags,
        optional: true,
        label: { type: 'plain_text', text: 'Tags' },
        hint: { type: 'plain_text', text: 'Lower-case words separated by spaces or commas, e.g. billing, sso' },
        element: { type: 'plain_text_input', action_id: INTAKE_ACTION, max_length: 300 },
      },
      {
        type: 'input',
        block_id: IntakeBlock.Link,
        optional: true,
        label: { type: 'plain_text', text: 'Link to the conversation' },
        element: {
          type: 'url_text_input',
          action_id: INTAKE_ACTION,
          ...(prefill.link ? { initial_value: prefill.link } : {}),
        },
      },
    ],
  };
}
