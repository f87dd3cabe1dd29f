// Who may change the store. Decided here, from what the adapter reports and from configuration — never by an adapter.
import type { User } from './replies.ts';

export interface AdminPolicy {
  discordUserIds: readonly string[];
  discordRoleIds: readonly string[];
  /** Members Discord reports as able to Manage Server count as admins. */
  discordManagersAreAdmins: boolean;
  slackUserIds: readonly string[];
}

export const NO_ADMINS: AdminPolicy = { discordUserIds: [], discordRoleIds: [], discordManagersAreAdmins: false, slackUserIds: [] };

export function isAdmin(user: User, policy: AdminPolicy): boolean {
  switch (user.platform) {
    case 'console':
    case 'cli':
      // The person at the terminal owns the database file anyway.
      return user.isOperator === true;
    case 'discord':
      return (
        policy.discordUserIds.includes(user.id) ||
        (user.roles ?? []).some((r) => policy.discordRoleIds.includes(r)) ||
        (policy.discordManagersAreAdmins && user.canManageServer === true)
      );
    case 'slack':
      return policy.slackUserIds.includes(user.id);
    default:
      return false;
  }
}
