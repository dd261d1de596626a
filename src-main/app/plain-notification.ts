/**
 * Notifications are plain text. Some notification servers (GNOME's, KDE's, dunst with markup on)
 * read a body as markup: `<a href>`, `<img src>` and `<b>` would draw links, load images or style
 * text that a page or a project name put there. We cannot know the server, so main drops tags and
 * replaces the characters markup is made of with look-alikes that render as themselves
 * everywhere; it also drops invisible format and control characters (a bidi override can make a
 * line read backwards) and shortens to what a notification shows.
 */

/** What a notification shows before servers cut it; the contract refuses longer input outright. */
export const MAX_TITLE_CHARS = 120;
export const MAX_BODY_CHARS = 500;

const TAG = /<\/?[a-z][^<>]*>/giu;
/** Format (bidi, zero-width), controls except newline, line/paragraph separators, private use. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Co}\u0000-\u0009\u000b-\u001f\u007f-\u009f]/gu;
const LOOK_ALIKE: Readonly<Record<string, string>> = { '<': '‹', '>': '›', '&': '＆' };

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** One line or a few, as plain visible text. */
export function plainText(text: string, max: number, oneLine = false): string {
  let out = text
    .replace(TAG, '')
    .replace(INVISIBLE, '')
    .replace(/[<>&]/gu, (c) => LOOK_ALIKE[c] ?? c);
  out = oneLine ? out.replace(/\s+/gu, ' ') : out.replace(/[ \t]+/gu, ' ').replace(/\n{3,}/gu, '\n\n');
  return shorten(out.trim(), max);
}

/** The title (one line) and body as plain text; an empty title becomes "Caravan". */
export function plainNotification(title: string, body: string): { title: string; body: string } {
  return { title: plainText(title, MAX_TITLE_CHARS, true) || 'Caravan', body: plainText(body, MAX_BODY_CHARS) };
}
