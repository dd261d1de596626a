/**
 * A fake clock and a driver for the timer machine, shared by the example and
 * property tests. Not a test file itself (vitest only collects *.test.ts).
 */
import { initialState, step } from '../../../../src-main/timer/timer-machine.ts';
import type { StepOptions, TimeBlock, TimerEffect, TimerEvent, TimerState } from '../../../../src-main/timer/timer-types.ts';

export const MIN = 60_000;
/** An arbitrary, non-round epoch so nothing depends on starting at 0. */
export const T0 = Date.UTC(2025, 4, 12, 7, 3, 17, 250);

/** Drives the machine with a clock the test moves by hand, keeping every effect. */
export class Driver {
  state: TimerState;
  now: number;
  effects: TimerEffect[] = [];
  readonly options: StepOptions;

  constructor(start = T0, options: StepOptions = {}) {
    this.options = options;
    this.now = start;
    this.state = initialState(start);
  }

  /** Applies an event at the current time and returns only its effects. */
  send(event: TimerEvent): TimerEffect[] {
    const result = step(this.state, event, this.now, this.options);
    this.state = result.state;
    this.effects.push(...result.effects);
    return result.effects;
  }

  /** Moves the clock to `T0 + minutes` (absolute, so tests read like a timeline) and sends the event. */
  at(minutes: number, event: TimerEvent = { type: 'tick' }): TimerEffect[] {
    this.now = T0 + Math.round(minutes * MIN);
    return this.send(event);
  }

  blocks(): TimeBlock[] {
    return this.effects.flatMap((e) => (e.type === 'record-block' ? [e.block] : []));
  }

  notices(): string[] {
    return this.effects.flatMap((e) => (e.type === 'notify' ? [e.kind] : []));
  }
}

export function blocksOf(effects: readonly TimerEffect[]): TimeBlock[] {
  return effects.flatMap((e) => (e.type === 'record-block' ? [e.block] : []));
}

export function noticesOf(effects: readonly TimerEffect[]): string[] {
  return effects.flatMap((e) => (e.type === 'notify' ? [e.kind] : []));
}

/** [start, end] of a block in minutes after T0, for readable assertions. */
export function span(block: TimeBlock): [number, number] {
  return [(block.start - T0) / MIN, (block.end - T0) / MIN];
}
