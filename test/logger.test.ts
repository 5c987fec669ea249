import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';

describe('the log', () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      logger: createLogger('debug', 'advocate', (line) => {
        lines.push(line);
        return true;
      }),
    };
  };

  it('never carries a token, a verification token or a database password', () => {
    const { lines, logger } = capture();
    logger.debug(JSON.stringify({ token: 'verification-abc', text: 'hi', response_url: 'https://hooks/x' }));
    logger.info('calling with xoxb-1234-5678-abcdef and xapp-1-A0-99-ffff');
    logger.error('start failed:', new Error('could not connect to postgresql://advocate:hunter2@db/advocate'));
    const all = lines.join('\n');
    for (const secret of ['verification-abc', '1234-5678-abcdef', 'xapp-1-A0-99-ffff', 'hunter2'])
      expect(all).not.toContain(secret);
    expect(all).toContain('"token":"***"');
    expect(all).toContain('postgresql://advocate:***@db/advocate');
  });

  it('writes a Prisma error as one line and keeps the stack of anything else', () => {
    const { lines, logger } = capture();
    const prismaError = Object.assign(
      new Error(
        '\nInvalid `prisma.jobLease.create()` invocation in\n/src/x.ts:3:1\n\n  1 | a\n→ 2 | b\nUnique constraint failed on the fields: (`name`)',
      ),
      { name: 'PrismaClientKnownRequestError', code: 'P2002' },
    );
    logger.error('outbox: could not lease message 3:', prismaError);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /ERROR \[advocate\] outbox: could not lease message 3: PrismaClientKnownRequestError P2002: Unique constraint failed on the fields: \(`name`\)$/,
    );
    logger.error('bug:', new TypeError('x is undefined'));
    expect(lines[1]).toContain('TypeError: x is undefined\n    at ');
  });
});
