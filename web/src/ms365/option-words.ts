// The add-on's words next to each option of an MS365 integration's set-up form: what it does, which
// Microsoft Graph permissions it makes the integration ask for (ms365-integrations.md §2.3, the same
// table shared/ms365-permissions.ts and the Guide use) and what to add in Entra first.

export interface OptionWords {
  label: string;
  /** What the option changes, and the permissions it needs. */
  needs: string;
}

const ENTRA = 'Add it in the Entra portal first: your app registration → API permissions → Add a permission → Microsoft Graph → Delegated permissions.';

export const LABELS: Record<string, Record<string, OptionWords>> = {
  ms365_calendar: {
    enable_update: { label: 'Enable update services (create, change and answer events)', needs: `Needs Calendars.ReadWrite instead of Calendars.Read. ${ENTRA}` },
    basic_calendar: { label: 'Basic calendar only (free/busy, no details)', needs: 'Needs only Calendars.ReadBasic. Cannot be combined with update services or a shared mailbox.' },
    groups: { label: 'Group calendars', needs: `Needs Group.Read.All (Group.ReadWrite.All with update services), which usually needs an administrator’s consent. Not with a shared mailbox. ${ENTRA}` },
    shared_mailbox: { label: 'Shared mailbox (e-mail address or ID)', needs: `Not your own address. Needs Calendars.Read.Shared (Calendars.ReadWrite.Shared with update services). Work accounts only. ${ENTRA}` },
  },
  ms365_mail: {
    enable_update: { label: 'Enable sending mail', needs: `Needs Mail.Send (Mail.Send.Shared with a shared mailbox). ${ENTRA}` },
    shared_mailbox: { label: 'Shared mailbox (e-mail address or ID)', needs: `Not your own address. Needs Mail.Read.Shared. Work accounts only. ${ENTRA}` },
    enable_autoreply: { label: 'Manage the automatic reply', needs: `Needs MailboxSettings.ReadWrite; does not work with a shared mailbox. ${ENTRA}` },
  },
  ms365_todo: {
    enable_update: { label: 'Enable update services (create and complete tasks)', needs: `Needs Tasks.ReadWrite instead of Tasks.Read. ${ENTRA}` },
  },
  ms365_teams: {
    chat_enable: { label: 'Chat sensor', needs: `Read needs Chat.Read, Update needs Chat.ReadWrite. Work accounts only. ${ENTRA}` },
    status_enable: { label: 'Status sensor', needs: `Read needs Presence.Read, Update needs Presence.ReadWrite. Work accounts only. ${ENTRA}` },
    alternate_email: { label: 'Follow another person’s status (their e-mail address)', needs: `Needs Presence.Read.All and User.ReadBasic.All, and the status sensor set to Read. ${ENTRA}` },
  },
  ms365_contacts: {
    shared_mailbox: { label: 'Shared mailbox (e-mail address or ID)', needs: `Not your own address. Needs Contacts.Read.Shared. Work accounts only. ${ENTRA}` },
  },
};

/** Every integration asks for these; Microsoft adds offline_access itself. */
export const BASE_PERMISSIONS: Record<string, string> = {
  ms365_calendar: 'User.Read and Calendars.Read',
  ms365_mail: 'User.Read and Mail.Read',
  ms365_todo: 'User.Read and Tasks.Read',
  ms365_teams: 'User.Read, Presence.Read and Chat.Read (with the default sensors)',
  ms365_contacts: 'User.Read and Contacts.Read',
};

export function wordsFor(domain: string, option: string): OptionWords {
  return LABELS[domain]?.[option] ?? { label: option.replace(/_/g, ' '), needs: '' };
}

/** The integrations' own rule, checked as the user types (the service checks it again). */
export function entityNameHint(name: string): string | null {
  if (name === '') return null;
  if (name.includes('@')) return 'Not an e-mail address: use a plain name such as “work”.';
  if (/\s/.test(name)) return 'No spaces: use “_” or “-” instead.';
  if (name.length > 50) return 'At most 50 characters.';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return 'Only letters, digits, “_” and “-”.';
  return null;
}
