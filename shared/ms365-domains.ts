// The five MS365 integrations by their Home Assistant domain, with the names the panel shows.
// Config-entry fields, countries and token folders stay in server/ms365/domains.ts.

export const MS365_DOMAINS = ['ms365_calendar', 'ms365_mail', 'ms365_todo', 'ms365_teams', 'ms365_contacts'] as const;
export type Ms365Domain = (typeof MS365_DOMAINS)[number];

export const DOMAIN_LABELS: Record<Ms365Domain, string> = {
  ms365_calendar: 'MS365 Calendar',
  ms365_mail: 'MS365 Mail',
  ms365_todo: 'MS365 ToDo',
  ms365_teams: 'MS365 Teams',
  ms365_contacts: 'MS365 Contacts',
};

export function isMs365Domain(value: string): value is Ms365Domain {
  return (MS365_DOMAINS as readonly string[]).includes(value);
}
