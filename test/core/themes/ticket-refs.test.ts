import { describe, expect, it } from 'vitest';
import { parseTicketUrl } from '../../../src/core/themes/ticket-refs';
import { parseCommand } from '../../../src/slack/commands/parse-command';

describe('ticket URLs', () => {
  it('names each tracker’s tickets by one key, whatever form was pasted', () => {
    expect(parseTicketUrl('https://github.com/Acme/API/issues/0042#issuecomment-1')).toEqual({
      tracker: 'github',
      key: 'acme/api#42',
      url: 'https://github.com/Acme/API/issues/42',
      label: 'acme/api#42',
    });
    expect(parseTicketUrl('<https://acme.atlassian.net/browse/eng-12|ENG-12>')).toMatchObject({
      tracker: 'jira',
      key: 'acme.atlassian.net/ENG-12',
      url: 'https://acme.atlassian.net/browse/ENG-12',
      label: 'ENG-12',
    });
    expect(
      parseTicketUrl('https://acme.atlassian.net/jira/software/projects/ENG/boards/1?selectedIssue=ENG-7'),
    ).toMatchObject({
      tracker: 'jira',
      key: 'acme.atlassian.net/ENG-7',
    });
    expect(parseTicketUrl('https://linear.app/acme/issue/ENG-12/export-times-out')).toMatchObject({
      tracker: 'linear',
      key: 'ENG-12',
      url: 'https://linear.app/acme/issue/ENG-12',
    });
    expect(parseTicketUrl('https://github.com/acme/api/pull/3')).toMatchObject({ tracker: 'generic' });
    expect(parseTicketUrl('https://tracker.example.com/t/9#top')).toMatchObject({
      tracker: 'generic',
      key: 'https://tracker.example.com/t/9',
      label: 'tracker.example.com/t/9',
    });
    expect(parseTicketUrl('not a url')).toHaveProperty('problem');
    expect(parseTicketUrl('javascript:alert(1)')).toHaveProperty('problem');
  });

  it('parses `theme THM-n link|unlink <url>` and leaves other theme commands alone', () => {
    expect(
      parseCommand('theme THM-3 link https://github.com/acme/api/issues/1 <https://linear.app/a/issue/X-1>'),
    ).toEqual({
      ok: true,
      command: {
        kind: 'theme-ticket-link',
        themeId: 3,
        urls: ['https://github.com/acme/api/issues/1', '<https://linear.app/a/issue/X-1>'],
      },
    });
    expect(parseCommand('theme thm-3 UNLINK https://github.com/acme/api/issues/1')).toEqual({
      ok: true,
      command: { kind: 'theme-ticket-unlink', themeId: 3, url: 'https://github.com/acme/api/issues/1' },
    });
    expect(parseCommand('theme THM-3 link')).toMatchObject({ ok: false, subcommand: 'theme' });
    expect(parseCommand('theme THM-3 unlink https://a.example/1 https://a.example/2')).toMatchObject({ ok: false });
    expect(parseCommand('theme THM-3 ADV-7')).toEqual({
      ok: true,
      command: { kind: 'theme-link', themeId: 3, escalationIds: [7] },
    });
    expect(parseCommand('theme link checkout fails ADV-1')).toMatchObject({
      ok: true,
      command: { kind: 'theme-create', title: 'link checkout fails' },
    });
  });
});
