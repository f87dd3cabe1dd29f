// Who may change the store. Decided here, from what the adapter reports and from configuration — never by an adapter.
import type { User } from './replies.ts';

export interface AdminPolicy {
  /** Admins wherever they act: a Discord user id names one person, in any server or in a direct message. */
  discordUserIds: readonly string[];
  /** Members with one of these roles are admins, in the servers of `discordAdminGuildIds` only. */
  discordRoleIds: readonly string[];
  /** Members Discord reports as able to Manage Server count as admins, in the servers of `discordAdminGuildIds` only. */
  discordManagersAreAdmins: boolean;
  /**
   * The servers whose roles and Manage Server permission grant admin rights (DISCORD_ADMIN_GUILD_IDS, else
   * DISCORD_GUILD_ID). Anyone can add a public bot to a server of their own and hold every role and permission there;
   * the store is shared, so a server not named here grants nothing.
   */
  discordAdminGuildIds: readonly string[];
  slackUserIds: readonly string[];
}

export const NO_ADMINS: AdminPolicy = {
  discordUserIds: [],
  discordRoleIds: [],
  discordManagersAreAdmins: false,
  discordAdminGuildIds: [],
  slackUserIds: [],
};

export function isAdmin(user: User, policy: AdminPolicy): boolean {
  switch (user.platform) {
    case 'console':
    case 'cli':
      // The person at the terminal owns the database file anyway.
      return user.isOperator === true;
    case 'discord': {
      if (policy.discordUserIds.includes(user.id)) return true;
      // Roles and permissions are what a server says about its members: trusted only from the servers configured.
      const trustedServer = user.guildId !== undefined && policy.discordAdminGuildIds.includes(user.guildId);
      if (!trustedServer) return false;
      return (user.roles ?? []).some((r) => policy.discordRoleIds.includes(r)) || (policy.discordManagersAreAdmins && user.canManageServer === true);
    }
    case 'slack':
      return policy.slackUserIds.includes(user.id);
    default:
      return false;
  }
}
