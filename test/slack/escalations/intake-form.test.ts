import { describe, expect, it } from 'vitest';
import { parseIntakeForm } from '../../../src/slack/escalations/intake-form';

interface TTyped {
  summary?: string | null;
  customer?: string | null;
  severity?: string | null;
  tags?: string | null;
  link?: string | null;
}

/** view.state.values as Slack submits the intake form: every input block, empty optional inputs as null. */
function submitted(typed: TTyped) {
  const text = (type: string, value: string | null | undefined) => ({ value: { type, value: value ?? null } });
  return {
    summary: text('plain_text_input', typed.summary),
    customer: text('plain_text_input', typed.customer),
    severity: {
      value: {
        type: 'static_select',
        selected_option:
          typed.severity === null
            ? null
            : { text: { type: 'plain_text', text: typed.severity ?? 'medium' }, value: typed.severity ?? 'medium' },
      },
    },
    tags: text('plain_text_input', typed.tags),
    link: text('url_text_input', typed.link),
  };
}

const errorsFor = (typed: TTyped) => {
  const parsed = parseIntakeForm(submitted(typed));
  return parsed.ok ? {} : parsed.errors;
};

describe('the intake form, as submitted', () => {
  it('becomes a flag: trimmed summary, tidy customer, severity, unique lower-case tags and the link', () => {
    const parsed = parseIntakeForm(
      submitted({
        summary: '  SSO login loops back to the sign-in page \n',
        customer: '  Globex    Corporation ',
        severity: 'critical',
        tags: '#SSO, login  sso,,Login',
        link: 'https://example.slack.com/archives/C123ABC456/p1548261231000200',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      form: {
        summary: 'SSO login loops back to the sign-in page',
        customer: 'Globex Corporation',
        severity: 'critical',
        tags: ['sso', 'login'],
        link: 'https://example.slack.com/archives/C123ABC456/p1548261231000200',
      },
    });
  });

  it('leaves the optional fields out when they were left empty, and takes medium when no severity came', () => {
    expect(parseIntakeForm(submitted({ summary: 'exports time out', severity: null }))).toEqual({
      ok: true,
      form: { summary: 'exports time out', severity: 'medium', tags: [], customer: undefined, link: undefined },
    });
    expect(
      parseIntakeForm(submitted({ summary: 'exports time out', customer: '   ', tags: ' , ', link: ' ' })),
    ).toEqual({
      ok: true,
      form: { summary: 'exports time out', severity: 'medium', tags: [], customer: undefined, link: undefined },
    });
  });

  it('asks for at least two words of summary, and at most Slack’s 3,000 characters', () => {
    expect(errorsFor({ summary: 'broken' })).toEqual({ summary: 'Describe the problem in at least two words.' });
    expect(errorsFor({ summary: '' })).toHaveProperty('summary');
    expect(errorsFor({ summary: `${'word '.repeat(600)}x`.trim() })).toEqual({
      summary: "Keep it under 3000 characters (Slack's limit for a form field).",
    });
    expect(errorsFor({ summary: `a ${'b'.repeat(2998)}` })).toEqual({});
  });

  it('refuses a customer name over 200 characters', () => {
    expect(errorsFor({ summary: 'two words', customer: 'A'.repeat(201) })).toEqual({
      customer: 'Customer names are at most 200 characters.',
    });
    expect(errorsFor({ summary: 'two words', customer: 'A'.repeat(200) })).toEqual({});
  });

  it('refuses a severity that is not one of the four', () => {
    expect(errorsFor({ summary: 'two words', severity: 'urgent' })).toEqual({
      severity: 'Pick low, medium, high or critical.',
    });
  });

  it('names the first word that is not a tag, and allows at most 10 different tags', () => {
    expect(errorsFor({ summary: 'two words', tags: 'billing single_sign_on' })).toEqual({
      tags: '"single_sign_on" is not a tag: use lower-case letters, digits and -.',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `tag-${i}`).join(' ');
    expect(errorsFor({ summary: 'two words', tags: eleven })).toEqual({ tags: 'At most 10 tags.' });
    expect(errorsFor({ summary: 'two words', tags: 'sso '.repeat(11) })).toEqual({});
  });

  it('refuses a link that is not a URL', () => {
    expect(errorsFor({ summary: 'two words', link: 'the thread in #support' })).toEqual({
      link: 'That is not a link (https://…).',
    });
  });

  it('reports every wrong field at once, keyed by block so Slack shows each under its input', () => {
    expect(
      Object.keys(errorsFor({ summary: 'x', customer: 'C'.repeat(300), severity: 'meh', tags: 'Bad!', link: 'nope' })),
    ).toEqual(['summary', 'customer', 'severity', 'tags', 'link']);
  });

  it('treats a form with a field missing altogether like one left empty', () => {
    const { link: _link, tags: _tags, ...rest } = submitted({ summary: 'exports time out', severity: 'low' });
    expect(parseIntakeForm(rest)).toMatchObject({ ok: true, form: { severity: 'low', tags: [], link: undefined } });
  });
});
