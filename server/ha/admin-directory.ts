// Whether an HA user is an administrator, looked up in HA's user list and cached briefly. The
// ingress headers carry only the user's id: an admin flag in a header could come from the browser.
import type { HaUser } from './core-websocket.js';

/** HA's admin group (homeassistant/auth/const.py GROUP_ID_ADMIN). */
export const ADMIN_GROUP_ID = 'system-admin';
const USERS_TTL_MS = 30_000;
/** An id missing from a fresh list may belong to a user created seconds ago: look again, but not in a loop. */
const UNKNOWN_USER_RECHECK_MS = 5_000;

export function isAdminUser(user: HaUser): boolean {
  return user.isActive && (user.isOwner || user.groupIds.includes(ADMIN_GROUP_ID));
}

export class AdminDirectory {
  readonly #fetchUsers: () => Promise<HaUser[]>;
  readonly #now: () => number;
  #users: Map<string, HaUser> | null = null;
  #fetchedAt = 0;
  #inFlight: Promise<Map<string, HaUser>> | null = null;

  constructor(fetchUsers: () => Promise<HaUser[]>, now: () => number) {
    this.#fetchUsers = fetchUsers;
    this.#now = now;
  }

  /** Throws the HaError of the lookup when the list cannot be fetched: callers must fail closed. */
  async isAdmin(userId: string): Promise<boolean> {
    let users = await this.#list(USERS_TTL_MS);
    if (!users.has(userId)) users = await this.#list(UNKNOWN_USER_RECHECK_MS);
    const user = users.get(userId);
    return user ? isAdminUser(user) : false;
  }

  /** The last known answer however old, without asking HA: for showing, never for permitting. */
  lastKnown(userId: string): boolean | undefined {
    const user = this.#users?.get(userId);
    if (!this.#users) return undefined;
    return user ? isAdminUser(user) : false;
  }

  async #list(maxAgeMs: number): Promise<Map<string, HaUser>> {
    if (this.#users && this.#now() - this.#fetchedAt < maxAgeMs) return this.#users;
    // One lookup at a time: a page load fires several requests with the same user.
    this.#inFlight ??= this.#fetchUsers()
      .then((list) => {
        this.#users = new Map(list.map((user) => [user.id, user]));
        this.#fetchedAt = this.#now();
        return this.#users;
      })
      .finally(() => {
        this.#inFlight = null;
      });
    return this.#inFlight;
  }
}
