-- Outbox rows that versions before the typed events queued as ready words (or as named views) have no sender any
-- more. They are kept, marked dead, so that /healthz counts them and nobody loses sight of them; nothing sends them.
UPDATE "OutboxMessage"
SET "status" = 'dead', "leaseUntil" = NULL, "lastError" = 'retired message kind: queued by an older version of Advocate'
WHERE "status" = 'pending'
  AND "kind" IN ('thread.line', 'direct.message', 'ephemeral', 'channel.message', 'theme.thread.line');
