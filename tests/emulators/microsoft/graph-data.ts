// The Microsoft Graph resources the emulator serves: the signed-in user and small fixed samples of
// mail and calendar, shaped like Graph v1.0 responses.
import { graphOriginOf, type CloudId } from './clouds.js';
import type { User } from './model.js';

const ME_FIELDS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

/** Graph ids of personal accounts are the 16-hex account id, the tail of their object id. */
export function graphUserId(user: User): string {
  return user.personal ? user.oid.replace(/-/g, '').slice(16) : user.oid;
}

export function meResource(user: User, cloud: CloudId, select: string | null): Record<string, unknown> {
  const [givenName = null, ...rest] = user.name.split(' ');
  const full: Record<string, unknown> = {
    businessPhones: [],
    displayName: user.name,
    givenName,
    jobTitle: null,
    mail: user.username,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: rest.length > 0 ? rest.join(' ') : null,
    userPrincipalName: user.username,
    id: graphUserId(user),
  };
  // $select is honoured loosely: unknown names are ignored, as Graph ignores case.
  const wanted = (select ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const fields = wanted.length > 0 ? ME_FIELDS.filter((f) => wanted.some((w) => w.toLowerCase() === f.toLowerCase())) : ME_FIELDS;
  const suffix = wanted.length > 0 ? `users(${fields.join(',')})/$entity` : 'users/$entity';
  const body: Record<string, unknown> = { '@odata.context': `${graphOriginOf(cloud)}/v1.0/$metadata#${suffix}` };
  for (const f of fields) body[f] = full[f];
  return body;
}

export function messagesCollection(cloud: CloudId, top: number | undefined): Record<string, unknown> {
  const value = [
    { id: 'AAMkAGI2TG93AAA=', subject: 'Welcome to the emulator', bodyPreview: 'This message exists only in tests.', isRead: false, receivedDateTime: '2024-05-01T08:00:00Z', from: { emailAddress: { name: 'Microsoft', address: 'no-reply@microsoft.com' } } },
    { id: 'AAMkAGI2TG94AAA=', subject: 'Lunch?', bodyPreview: 'Shall we meet at noon?', isRead: true, receivedDateTime: '2024-05-02T10:30:00Z', from: { emailAddress: { name: 'Alex Wilber', address: 'alexw@contoso.onmicrosoft.com' } } },
  ];
  return { '@odata.context': `${graphOriginOf(cloud)}/v1.0/$metadata#users('me')/messages`, value: value.slice(0, top ?? value.length) };
}

export function eventsCollection(cloud: CloudId, top: number | undefined): Record<string, unknown> {
  const value = [
    { id: 'AAMkAGI2TAAB=', subject: 'Team sync', start: { dateTime: '2024-05-06T09:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2024-05-06T09:30:00.0000000', timeZone: 'UTC' }, location: { displayName: 'Teams' } },
    { id: 'AAMkAGI2TAAC=', subject: 'Dentist', start: { dateTime: '2024-05-07T15:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2024-05-07T16:00:00.0000000', timeZone: 'UTC' }, location: { displayName: 'Main Street 1' } },
  ];
  return { '@odata.context': `${graphOriginOf(cloud)}/v1.0/$metadata#users('me')/events`, value: value.slice(0, top ?? value.length) };
}
