// Slack's Block Kit limits, in one place: the renderers cut to them and the test fake enforces them, so the two can
// never disagree. Figures from Slack's Block Kit reference (blocks, block elements, composition objects, views).
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  inputPlaceholder: 150,
  inputMaxLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  triggerIdTtlMs: 3000,
  /** Every request, event and Socket Mode envelope must be acknowledged within 3 s. */
  ackMs: 3000,
  /** Socket Mode: open connections per app at once. */
  socketConnections: 10,
} as const;

export type SlackLimits = typeof SLACK_LIMITS;
