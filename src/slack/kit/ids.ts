/** Every id Slack round-trips to us. The public ones are fixed by ../shared/INTERFACE.md; keep them exact. */
export const SLASH_COMMAND = '/advocate';

export const ActionId = {
  Claim: 'escalation_claim',
  Resolve: 'escalation_resolve',
  Reopen: 'escalation_reopen',
  Raise: 'escalation_raise',
  Wait: 'escalation_wait',
  ThemeResolve: 'theme_resolve',
  CustomerProfile: 'customer_profile',
  OpenEscalationForResponse: 'detractor_open_escalation',
  OpenEscalationForCustomer: 'at_risk_open_escalation',
  CreateSuggestedTheme: 'theme_create_suggested',
  ThemeLinkTicket: 'theme_link_ticket',
  ThemeLinkDetractor: 'theme_link_detractor',
  OwnerToldCustomer: 'owner_told_customer',
  StormCreateTheme: 'storm_create_theme',
} as const;

export const CallbackId = {
  FlagShortcut: 'flag_for_advocacy',
  IntakeModal: 'advocate_intake',
  ThemeResolveModal: 'theme_resolve_note',
  ThemeLinkTicketModal: 'theme_link_ticket_url',
} as const;

export const Reaction = {
  Claim: 'eyes',
  Resolve: 'white_check_mark',
  Raise: 'arrow_double_up',
} as const;
