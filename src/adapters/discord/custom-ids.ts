// Discord custom ids, in one place: the one list of the adapter's own ids and prefixes, the one codec (parseCustomId
// reads every id a button, select menu or modal can bring back), and the stash for targets too long to carry. Cards
// write ids with CUSTOM_IDS and the router reads them with parseCustomId, so the two can never disagree.
import type { InvokeTarget } from '../../core/replies.ts';
import { decodeTarget, encodeTarget } from '../../core/targets.ts';
import type { Logger } from '../../log.ts';
import { ExpiringMap, type SharedState } from './drafts.ts';
import { DISCORD_LIMITS } from './limits.ts';

/**
 * Prefixes of the ids that carry a key: a form draft (the modal's id), a button reopening that draft, a stashed
 * target. Each starts with "~", which no encoded target does (a target starts with a command name, a-z).
 */
export const ID_PREFIX = { form: '~f:', reopen: '~r:', stashed: '~t:' } as const;

/** Custom ids the adapter itself understands. */
export const CUSTOM_IDS = {
  cancel: '~cancel',
  /** A select menu whose chosen value replaces the card in place. */
  switchSelect: '~sw',
  /** A select menu whose chosen value opens as a new answer (lists keep their place). */
  openSelect: '~open',
  form: (draftId: string) => `${ID_PREFIX.form}${draftId}`,
  reopen: (draftId: string) => `${ID_PREFIX.reopen}${draftId}`,
  stashed: (key: string) => `${ID_PREFIX.stashed}${key}`,
} as const;

/** Turns a target into a custom_id (or select value) of at most 100 characters. */
export type TargetIds = (target: InvokeTarget) => string;

/** What a custom id (or a select menu's chosen value) stands for. */
export type ParsedId =
  | { kind: 'cancel' }
  | { kind: 'switchSelect' }
  | { kind: 'openSelect' }
  | { kind: 'form'; draftId: string }
  | { kind: 'reopen'; draftId: string }
  | { kind: 'stashed'; key: string }
  | { kind: 'target'; target: InvokeTarget }
  /** Longer than Discord allows, an unknown "~" id, a prefix without its key, or no target. */
  | { kind: 'invalid' };

/** Reads a custom id; pure. Anything Discord could not have sent back from one of our components is invalid. */
export function parseCustomId(id: string): ParsedId {
  if (id.length === 0 || id.length > DISCORD_LIMITS.customId) return { kind: 'invalid' };
  if (id === CUSTOM_IDS.cancel) return { kind: 'cancel' };
  if (id === CUSTOM_IDS.switchSelect) return { kind: 'switchSelect' };
  if (id === CUSTOM_IDS.openSelect) return { kind: 'openSelect' };
  const keyed = (prefix: string) => (id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : undefined);
  const form = keyed(ID_PREFIX.form);
  if (form) return { kind: 'form', draftId: form };
  const reopen = keyed(ID_PREFIX.reopen);
  if (reopen) return { kind: 'reopen', draftId: reopen };
  const stashed = keyed(ID_PREFIX.stashed);
  if (stashed) return { kind: 'stashed', key: stashed };
  const target = id.startsWith('~') ? undefined : decodeTarget(id);
  return target ? { kind: 'target', target } : { kind: 'invalid' };
}

/** A target as a custom id when its encoding fits one (it then survives restarts on its own), else undefined. */
export function encodeTargetId(target: InvokeTarget): string | undefined {
  const encoded = encodeTarget(target);
  return encoded.length <= DISCORD_LIMITS.customId ? encoded : undefined;
}

/** How long a button whose target is too long for its custom_id keeps working. */
const STASH_TTL_MS = 6 * 3600_000;
/** The largest such target kept in the store (JSON bytes); a larger one works on the process that made it only. */
const STASH_MAX_BYTES = 16 * 1024;
/** Stashed targets kept in this process's memory (the fast path). */
const STASH_IN_MEMORY = 5_000;

/**
 * Targets whose encoding is longer than a custom_id allows: the button carries a key. Kept here (the fast path)
 * and written through to the store's shared state, so the button still works on another shard process or after
 * a restart.
 */
export class TargetStash {
  private readonly memory = new ExpiringMap<InvokeTarget>(STASH_TTL_MS, STASH_IN_MEMORY);

  constructor(
    private readonly state: SharedState,
    private readonly log: Logger,
  ) {}

  /** A target as a custom_id of at most 100 characters: encoded when it fits, stashed otherwise. */
  readonly ids: TargetIds = (target) => {
    const encoded = encodeTargetId(target);
    if (encoded !== undefined) return encoded;
    const key = this.memory.put(target);
    if (Buffer.byteLength(JSON.stringify(target)) <= STASH_MAX_BYTES) {
      this.state.putState(`discord:target:${key}`, target, STASH_TTL_MS).catch((e: unknown) => {
        this.log.warn({ err: e }, 'could not keep a button target in the store; it works on this process only');
      });
    }
    return CUSTOM_IDS.stashed(key);
  };

  /** The stashed target, from memory or the store; undefined once it has expired. */
  async get(key: string): Promise<InvokeTarget | undefined> {
    return this.memory.get(key) ?? (await this.state.getState<InvokeTarget>(`discord:target:${key}`));
  }
}
