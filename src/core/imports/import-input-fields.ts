import { z } from 'zod';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/escalation-vocabulary';
import { refineSafeText } from '../shared/safe-text';

export const EXTERNAL_ID_MAX_LENGTH = 200;

/** The customer's name as a webhook sends it: survey responses and lifecycle events name customers alike. */
export const customerNameField = () =>
  z
    .string("must be the customer's name")
    .trim()
    .min(1, 'must not be empty')
    .max(CUSTOMER_NAME_MAX_LENGTH, `must be at most ${CUSTOMER_NAME_MAX_LENGTH} characters`)
    .superRefine(refineSafeText);

/** The sender's own id for a record, by which a resend is recognised and stored once. */
export const externalIdField = () =>
  z
    .string('must be text')
    .trim()
    .min(1, 'must not be empty')
    .max(EXTERNAL_ID_MAX_LENGTH, `must be at most ${EXTERNAL_ID_MAX_LENGTH} characters`)
    .superRefine(refineSafeText)
    .nullish();
