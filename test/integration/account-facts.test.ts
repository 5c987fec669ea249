import { describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, People, useTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';

const TOKEN = 'crm-token-0123456789abcdef';
const NOW = '2026-11-25T10:00:00.000Z';

describe.each(testProviders())('account facts from the CRM on %s', (provider) => {
  const t = useTestApp(provider, {
    env: {
      SURVEY_WEBHOOK_TOKEN: TOKEN,
      ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP,
      ACCOUNT_TIERS: 'enterprise,growth,starter',
    },
    clock: new ManualClock(NOW),
  });
  const post = (body: unknown) =>
    fetch(`${t.app.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const customer = (nameKey: string) => t.app.db.prisma.customer.findFirstOrThrow({ where: { nameKey } });
  const timeline = async (nameKey: string) =>
    (
      await t.app.db.prisma.timelineEntry.findMany({
        where: { customer: { nameKey } },
        orderBy: { id: 'asc' },
      })
    ).map((entry) => `${entry.action} ${entry.fromValue ?? '∅'}→${entry.toValue ?? '∅'} ${entry.actorId}/${entry.via}`);

  it('takes owner, tier, renewal, ARR and domains, resolving an owner email to the Slack user', async () => {
    const answer = await post({
      customer: 'Initech',
      event: 'active',
      at: '2026-01-10',
      arr: 120000,
      owner: 'Bob@Example.com',
      tier: 'Enterprise',
      renewalAt: '2027-03-31',
      domains: ['https://www.initech.com/', 'initech.io'],
    });
    expect(answer).toEqual({
      status: 200,
      body: { accepted: 1, duplicates: 0, customersCreated: 1, customersUpdated: 1, unknownOwners: [] },
    });
    expect(await customer('initech')).toMatchObject({
      status: 'active',
      arr: 120000,
      owner: People.advocate,
      tier: 'enterprise',
      renewalAt: new Date('2027-03-31T00:00:00Z'),
      domains: 'initech.com,initech.io',
    });
    expect(t.slack.callsTo('users.lookupByEmail').map((call) => call.params.email)).toEqual(['bob@example.com']);
    expect(await timeline('initech')).toEqual([
      `account-owner ∅→${People.advocate} crm/webhook`,
      'account-tier ∅→enterprise crm/webhook',
      'account-renewal ∅→2027-03-31 crm/webhook',
      'account-domains ∅→initech.com,initech.io crm/webhook',
    ]);
  });

  it('"updated" changes facts only: no lifecycle event, status untouched, a repeat changes nothing', async () => {
    await post({ customer: 'Hooli', event: 'churned', at: '2026-10-01', arr: 50000 });
    const update = { customer: 'Hooli', event: 'updated', arr: 90000, tier: 'growth' };
    expect((await post(update)).body).toEqual({
      accepted: 0,
      duplicates: 0,
      customersCreated: 0,
      customersUpdated: 1,
      unknownOwners: [],
    });
    expect((await post(update)).body).toMatchObject({ customersUpdated: 0 });
    expect(await customer('hooli')).toMatchObject({ status: 'churned', arr: 90000, tier: 'growth' });
    expect(await t.app.db.prisma.customerEvent.count({ where: { customer: { nameKey: 'hooli' } } })).toBe(1);
    expect(await timeline('hooli')).toEqual([
      'account-tier ∅→growth crm/webhook',
      'account-arr 50000→90000 crm/webhook',
    ]);
  });

  it('keeps an owner email no Slack user has as text and reports it, storing the rest of the batch', async () => {
    const answer = await post([
      { customer: 'Umbrella', event: 'updated', owner: 'nobody@umbrella.test', tier: 'starter' },
      { customer: 'Vehement', event: 'updated', owner: 'carol@example.com' },
    ]);
    expect(answer).toEqual({
      status: 200,
      body: {
        accepted: 0,
        duplicates: 0,
        customersCreated: 2,
        customersUpdated: 2,
        unknownOwners: ['nobody@umbrella.test'],
      },
    });
    expect(await customer('umbrella')).toMatchObject({ owner: 'nobody@umbrella.test', tier: 'starter' });
    expect(await customer('vehement')).toMatchObject({ owner: People.advocate2 });
  });

  it('retries users.lookupByEmail after a 429 and resolves the owner', async () => {
    t.slack.failNext('users.lookupByEmail', { status: 429, retryAfter: 0 });
    const answer = await post({ customer: 'Soylent', event: 'updated', owner: 'erin@example.com' });
    expect(answer.body).toMatchObject({ customersUpdated: 1, unknownOwners: [] });
    expect(t.slack.callsTo('users.lookupByEmail').map((call) => call.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
    expect(await customer('soylent')).toMatchObject({ owner: People.agent2 });
  });

  it('answers 400 naming a bad tier, date, owner or domain, and stores nothing of the batch', async () => {
    const good = { customer: 'Nothing Stored', event: 'updated', tier: 'growth' };
    expect(await post([good, { customer: 'Stark', event: 'updated', tier: 'platinum' }])).toEqual({
      status: 400,
      body: { error: 'item 1: tier: must be one of enterprise, growth, starter' },
    });
    expect(await post({ customer: 'Stark', event: 'updated', renewalAt: 'next spring' })).toEqual({
      status: 400,
      body: { error: 'renewalAt: must be an ISO 8601 date such as "2027-03-31"' },
    });
    expect(await post({ customer: 'Stark', event: 'updated', owner: 'dana' })).toEqual({
      status: 400,
      body: { error: 'owner: must be a Slack user id such as "U0123ABCD" or an email address' },
    });
    expect(await post({ customer: 'Stark', event: 'updated', domains: ['not a host'] })).toEqual({
      status: 400,
      body: { error: 'domains.0: "not a host" is not a host name such as "acme.com"' },
    });
    expect(await t.app.db.prisma.customer.count({ where: { nameKey: { in: ['stark', 'nothing stored'] } } })).toBe(0);
  });
});
