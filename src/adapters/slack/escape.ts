// Text for Slack: stored text is data, never markup. mrkdwn gives meaning to `<…>` (mentions, <!channel>, links) and
// to `&` entities, so those three characters are escaped — and nothing else, as Slack asks. Control characters are
// dropped. Cutting to a limit never splits an entity or a surrogate pair, and marks the cut with an ellipsis.
import { displayText, linkLabel } from '../../deals/text-safety.ts';

export const ELLIPSIS = '…';

/**
 * Removes control, bidi and zero-width characters (text-safety.ts); `singleLine` also turns newlines into spaces
 * (headers, buttons, labels).
 */
export function clean(s: string, singleLine = false): string {
  return displayText(s, { singleLine });
}

/** Escapes stored text for mrkdwn: & < > only. */
export function escapeMrkdwn(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` characters (UTF-16 units, as Slack counts), ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - ELLIPSIS.length));
  // Never leave half a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  // Never leave half an entity (&amp; &lt; &gt;) from escapeMrkdwn.
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && amp > cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return cut + ELLIPSIS;
}

/** Escaped and cut: mrkdwn-safe text of at most `max` characters. */
export function mrkdwn(s: string, max: number): string {
  return truncate(escapeMrkdwn(s), max);
}

/** Plain text (headers, buttons, labels, titles): not parsed by Slack, so only cleaned and cut. */
export function plain(s: string, max: number): string {
  return truncate(clean(s, true), max) || ELLIPSIS;
}

/**
 * A mrkdwn link to an http(s) URL with an escaped label; anything else becomes escaped text. `|` and `>` would end
 * the link early, so they are percent-encoded in the URL.
 */
export function link(url: string, label?: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return escapeMrkdwn(label ?? url);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return escapeMrkdwn(label ?? url);
  const href = u.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  const text = escapeMrkdwn(linkLabel(label, u.href)).replace(/\|/g, '¦');
  return `<${href}|${text}>`;
}

/**
 * A Slack message's text as plain text, for ingest: links become their URL (or "label (URL)"), mentions and
 * broadcasts are dropped, and Slack's entities are decoded.
 */
export function slackTextToPlain(s: string): string {
  return s
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_m, target: string, label: string) => {
      if (!/^https?:\/\//.test(target)) return label;
      const bare = target.replace(/^https?:\/\//, '').replace(/\/$/, '');
      return label === target || bare.startsWith(label.replace(/\/$/, '')) ? target : `${label} (${target})`;
    })
    .replace(/<([^<>]+)>/g, (_m, inner: string) => (/^https?:\/\//.test(inner) ? inner : ''))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
