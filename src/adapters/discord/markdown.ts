// Text for Discord: stored text is data, never markdown. Characters Discord's markdown reads are escaped, mention
// syntax is broken, control/bidi characters go (text-safety.ts), and cuts never split a surrogate pair or an escape.
import type { Rich } from '../../core/present/card.ts';
import { displayText, linkLabel, trimEndChars } from '../../deals/text-safety.ts';
import { DISCORD_LIMITS as L } from './limits.ts';

/**
 * Stored text as plain text: no control, bidi or zero-width characters, tabs as spaces (text-safety.ts). For labels
 * that render no markdown.
 */
export function plain(s: string): string {
  return displayText(s);
}

/**
 * Stored text made inert for a markdown field: markdown characters escaped, mention syntax broken with a
 * zero-width space (allowed_mentions already stops pings; this also stops the text looking like one).
 */
export function inert(s: string): string {
  return plain(s)
    .replace(/[\\*_~`|[\]<>#]/g, (c) => `\\${c}`)
    .replace(/^([ \t]*)([-+]|\d+\.)(\s)/gm, (_m, sp: string, mark: string, after: string) =>
      mark.endsWith('.') ? `${sp}${mark.slice(0, -1)}\\.${after}` : `${sp}\\${mark}${after}`,
    )
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/@(?=[!&]?\d)/g, '@\u200b');
}

/** Cuts to `max` characters with an ellipsis, never splitting a surrogate pair or leaving a dangling escape. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end--;
  let head = s.slice(0, end);
  // An odd run of trailing backslashes would escape the ellipsis: drop one.
  const slashes = head.length - trimEndChars(head, '\\').length;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return head + '…';
}

/**
 * Cuts a multi-line text by whole lines (ending with "…"), so a cut never falls inside a markdown link and leaves
 * "[label](https://…" dangling; a single line too long for `max` is cut as plain text.
 */
export function cutLines(s: string, max: number): string {
  if (s.length <= max) return s;
  const lines = s.split('\n');
  while (lines.length > 1) {
    lines.pop();
    const kept = lines.join('\n') + '\n…';
    if (kept.length <= max) return kept;
  }
  return cut(s, max);
}

export function safeUrl(u: string): string | undefined {
  try {
    const url = new URL(u);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const s = url.toString();
    return s.length <= L.linkUrl ? s : undefined;
  } catch {
    return undefined;
  }
}

/** A markdown link whose label and address cannot break out of it. */
export function link(label: string, url: string): string {
  const href = safeUrl(url);
  const text = inert(linkLabel(label, url)).replace(/[()]/g, (c) => `\\${c}`);
  return href ? `[${text}](${href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : text;
}

/** A rich line as Discord markdown: text made inert, code in backticks, remarks in italics. */
export function richMarkdown(r: Rich): string {
  return r.map((s) => ('text' in s ? inert(s.text) : 'code' in s ? `\`${plain(s.code).replace(/`/g, "'")}\`` : `*${inert(s.em)}*`)).join('');
}
