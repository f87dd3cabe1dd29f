// Discord's own limits, in one place. The renderer cuts to them and the test fake (tests/fakes/discord.ts) refuses
// what breaks them, as Discord answers 400 for such payloads. discord.js does not check them for us.
export const DISCORD_LIMITS = {
  /** An interaction must get its first response within this many milliseconds. */
  initialResponseMs: 3_000,
  content: 2_000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1_024,
  embedFooter: 2_048,
  embedAuthorName: 256,
  /** Title, description, field names and values, footer and author of all embeds of a message together. */
  embedsTotal: 6_000,
  customId: 100,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  linkUrl: 512,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  modalLabel: 45,
  modalLabelDescription: 100,
  textInputValue: 4_000,
  textInputPlaceholder: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  stringOptionMaxLength: 6_000,
} as const;

/** The Manage Server permission bit (MANAGE_GUILD, 1 << 5). */
export const MANAGE_GUILD = 1n << 5n;

/** Message flag: only the user who ran the interaction sees the message. */
export const EPHEMERAL_FLAG = 1 << 6;
