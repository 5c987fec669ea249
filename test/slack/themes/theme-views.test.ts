import { describe, expect, it } from 'vitest';
import { trusted } from '../../../src/core/shared/text/mrkdwn';
import type { TThemeSummary } from '../../../src/core/themes/theme-summary';
import { message } from '../../../src/slack/kit/block-limits';
import { themeCard } from '../../../src/slack/themes/theme-card';
import { linkReply, resolveReply, ticketLinkReply, ticketUnlinkReply } from '../../../src/slack/themes/theme-replies';
import { themeResolveModal } from '../../../src/slack/themes/theme-resolve-modal';
import { openThemesBlocks, themeSuggestionBlocks } from '../../../src/slack/themes/theme-section-views';
import {
  themeLinkTicketModal,
  themeTicketBlocks,
  ticketsClosedPrompt,
  waitingOnEngineeringBlocks,
} from '../../../src/slack/themes/theme-ticket-views';
import { blockText, type TBlock } from '../../support/slack-text';
import {
  ADVOCATE,
  ADVOCATES,
  daysAgo,
  expectValidMessage,
  expectValidView,
  NOW,
  theme,
  ticket,
} from '../../support/view-data';

const text = (blocks: unknown[]) => blockText(blocks as TBlock[]);
const LINK = 'https://standin.slack.com/archives/C0ADVOCATE/p1764065000000300';
const githubRef = { tracker: 'github' as const, key: 'acme/api#128', url: ticket().url, label: 'acme/api#128' };

describe('the theme card', () => {
  it('shows the theme with its escalations, customers, tickets and buttons', () => {
    const card = themeCard(theme(), NOW);
    expectValidMessage(card);
    expect(card).toMatchSnapshot();
    expect(text(card.blocks)).toContain('Globex');
  });

  it('shows a resolved theme with its resolution note', () => {
    const card = themeCard(
      theme({
        status: 'resolved',
        resolutionNote: 'Fixed in billing 4.2: the retry no longer charges again.',
        resolvedById: ADVOCATE,
        resolvedAt: daysAgo(1),
        tickets: [],
        escalations: theme().escalations.map((e) => ({ ...e, status: 'resolved', resolvedAt: daysAgo(1) })),
      }),
      NOW,
    );
    expectValidMessage(card);
    expect(card).toMatchSnapshot();
  });

  it('keeps a theme of 300 escalations and a 300-character title within Slack’s limits', () => {
    const many = theme().escalations;
    const escalations = Array.from({ length: 300 }, (_, i) => ({ ...many[i % many.length]!, id: 100 + i }));
    const card = themeCard(theme({ title: 'T'.repeat(300), escalations }), NOW);
    expectValidMessage(card);
  });
});

describe('answers about themes', () => {
  it('answers linking escalations: created, linked, moved, already linked, kept elsewhere', () => {
    const created = linkReply(
      { theme: theme(), created: true, linked: [42, 43, 44], moved: [], alreadyLinked: [], keptElsewhere: [] },
      LINK,
    );
    const mixed = linkReply(
      {
        theme: theme(),
        created: false,
        linked: [45],
        moved: [{ escalationId: 46, fromThemeId: 2 }],
        alreadyLinked: [42],
        keptElsewhere: [{ escalationId: 47, themeId: 5 }],
      },
      null,
    );
    for (const answer of [created, mixed]) expectValidMessage(answer);
    expect([created, mixed]).toMatchSnapshot();
  });

  it('answers resolving, and resolving again while messages still wait', () => {
    const resolved = theme({ status: 'resolved', resolutionNote: 'Fixed', resolvedById: ADVOCATE, resolvedAt: NOW });
    const answers = [
      resolveReply({ kind: 'resolved', theme: resolved, resolvedNow: [42, 43], threads: 3, agents: 2 }, LINK),
      resolveReply({ kind: 'already-resolved', theme: resolved, waiting: 2, stillWaiting: 1 }, LINK),
      resolveReply({ kind: 'already-resolved', theme: resolved, waiting: 0, stillWaiting: 0 }, null),
    ];
    for (const answer of answers) expectValidMessage(answer);
    expect(answers).toMatchSnapshot();
  });

  it('answers linking and unlinking tickets', () => {
    const answers = [
      ticketLinkReply({ theme: theme(), linked: [githubRef], alreadyLinked: [] }, LINK),
      ticketLinkReply({ theme: theme(), linked: [], alreadyLinked: [githubRef] }, null),
      ticketUnlinkReply({ theme: { id: 3, title: 'Renewals charged twice' }, ref: githubRef, removed: true }, LINK),
      ticketUnlinkReply({ theme: { id: 3, title: 'Renewals charged twice' }, ref: githubRef, removed: false }, null),
    ];
    for (const answer of answers) expectValidMessage(answer);
    expect(answers).toMatchSnapshot();
  });
});

describe('theme modals', () => {
  it('asks for the resolution note and says who will be told', () => {
    const modal = themeResolveModal(theme(), { themeId: 3, channelId: ADVOCATES });
    expectValidView(modal);
    expect(modal).toMatchSnapshot();
  });

  it('starts the note with what engineering shipped once every ticket is closed', () => {
    const modal = themeResolveModal(
      theme({ tickets: [ticket({ state: 'closed', stateChangedAt: daysAgo(1) })], ticketsClosedAt: daysAgo(1) }),
      { themeId: 3 },
    );
    expectValidView(modal);
    expect(JSON.stringify(modal)).toContain('Renewal job charges twice');
  });

  it('asks for ticket URLs, listing those already linked', () => {
    const modal = themeLinkTicketModal(theme(), { themeId: 3, channelId: ADVOCATES });
    expectValidView(modal);
    expect(modal).toMatchSnapshot();
  });
});

describe('theme sections in digests and the home tab', () => {
  const summary: TThemeSummary = {
    customers: ['Acme Corp', 'Globex'],
    linked: 3,
    open: 2,
    resolved: 1,
    severities: [
      { severity: 'critical', count: 1 },
      { severity: 'high', count: 1 },
    ],
    firstReportAt: daysAgo(3),
    latestReportAt: daysAgo(1),
  };

  it('lists open themes by customers affected, within the blocks it is given', () => {
    const blocks = openThemesBlocks([{ theme: theme(), summary }], NOW, 10);
    expectValidMessage(message(trusted('themes'), blocks));
    expect(blocks).toMatchSnapshot();
    const many = Array.from({ length: 200 }, (_, i) => ({ theme: theme({ id: i + 1 }), summary }));
    const capped = openThemesBlocks(many, NOW, 6);
    expect(capped.length).toBeLessThanOrEqual(6);
    expectValidMessage(message(trusted('themes'), capped));
  });

  it('suggests themes for tags shared across customers, each with a button', () => {
    const blocks = themeSuggestionBlocks(
      [
        {
          tag: 'billing',
          customers: ['Acme Corp', 'Globex', 'Initech'],
          escalationIds: [42, 43, 45],
          escalationCount: 3,
        },
        { tag: 'sso', customers: ['Hooli', 'Umbrella'], escalationIds: [50, 51], escalationCount: 2 },
      ],
      10,
    );
    expectValidMessage(message(trusted('suggestions'), blocks));
    expect(blocks).toMatchSnapshot();
  });

  it('shows the tickets of a theme and the themes waiting on engineering', () => {
    const tickets = themeTicketBlocks(theme(), NOW);
    expectValidMessage(message(trusted('tickets'), tickets));
    expect(tickets).toMatchSnapshot();
    const waiting = waitingOnEngineeringBlocks(
      [{ id: 3, title: 'Renewals charged twice', status: 'open', ticketsClosedAt: null, tickets: [ticket()] }],
      NOW,
    );
    expectValidMessage(message(trusted('waiting'), waiting));
    expect(waiting).toMatchSnapshot();
    expect(waitingOnEngineeringBlocks([], NOW)).toEqual([]);
  });

  it('prompts to resolve once every ticket is closed', () => {
    const prompt = ticketsClosedPrompt({ themeId: 3, customers: 2, agents: 1 });
    expectValidMessage(prompt);
    expect(prompt).toMatchSnapshot();
  });
});
