/** The command palette's ranking. */
import { describe, expect, it } from 'vitest';
import { rankCommands, scoreCommand, type Command } from '../../../../src-renderer/palette/commands.ts';

const cmd = (label: string, keywords?: string): Command => ({ id: label, label, ...(keywords ? { keywords } : {}), run: () => {} });

describe('command palette ranking', () => {
  it('matches every word, anywhere, case-insensitively', () => {
    expect(scoreCommand(cmd('New time block'), 'BLOCK new')).toBeGreaterThan(0);
    expect(scoreCommand(cmd('New time block'), 'new client')).toBe(0);
  });

  it('finds commands by their keywords', () => {
    expect(rankCommands([cmd('New time block', 'add log'), cmd('Lock Caravan')], 'log').map((c) => c.label)).toEqual(['New time block']);
  });

  it('puts a match at the start of a word before one inside a word, and keeps the given order on ties', () => {
    const ranked = rankCommands([cmd('Acme · Reclient portal'), cmd('Go to Clients'), cmd('Go to Clients copy')], 'cli');
    expect(ranked.map((c) => c.label)).toEqual(['Go to Clients', 'Go to Clients copy', 'Acme · Reclient portal']);
  });

  it('lists everything for an empty query, up to the limit', () => {
    const all = Array.from({ length: 80 }, (_, i) => cmd(`c${i}`));
    expect(rankCommands(all, '  ')).toHaveLength(50);
  });
});
