/**
 * The vault "as of" an instant, read from one device's change log, equals a replica that received
 * exactly the writes stamped at or before that instant (sync/merge/replica.ts, the merge rule
 * itself). Random histories: three devices with skewed clocks writing, unsetting and deleting the
 * same records, segments reaching the viewing device in any order across devices, so its log is in
 * arrival order, not HLC order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createClock, decode } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { materialize } from '../../../../src-renderer/sync/merge/merge-state.ts';
import { Replica, type Segment } from '../../../../src-renderer/sync/merge/replica.ts';
import { AsOfBuilder, boundAfter, diffStates } from '../../../../src-renderer/history/as-of.ts';
import type { ChangeEntry, EntityTableName } from '../../../../src-renderer/vault/store/rows.ts';

const NODES = ['00000000000000a1', '00000000000000b2', '00000000000000c3'] as const;
const T0 = 1_700_000_000_000;

type Dev = 0 | 1 | 2;
type Cmd =
  | { k: 'write'; dev: Dev; table: EntityTableName; id: string; fields: Array<[string, number | undefined]> }
  | { k: 'remove'; dev: Dev; table: EntityTableName; id: string }
  | { k: 'deliver'; from: 1 | 2 }
  | { k: 'time'; ms: number };

const devArb = fc.constantFrom<Dev>(0, 1, 2);
const tableArb = fc.constantFrom<EntityTableName>('clients', 'timeBlocks');
const idArb = fc.constantFrom('r1', 'r2', 'r3');
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('write' as const),
      dev: devArb,
      table: tableArb,
      id: idArb,
      fields: fc.uniqueArray(fc.tuple(fc.constantFrom('name', 'note', 'amount'), fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined })), {
        minLength: 1,
        maxLength: 3,
        selector: (t) => t[0],
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), dev: devArb, table: tableArb, id: idArb }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('deliver' as const), from: fc.constantFrom<1 | 2>(1, 2) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 90_000 }) }) },
);

describe('as of an instant', () => {
  it('equals a replica replayed to that instant, for every instant of a random history', () => {
    fc.assert(
      fc.property(
        fc.array(cmdArb, { minLength: 1, maxLength: 60 }),
        fc.tuple(fc.integer({ min: -120_000, max: 120_000 }), fc.integer({ min: -120_000, max: 120_000 })),
        (cmds, [skewB, skewC]) => {
          let now = T0;
          const skews = [0, skewB, skewC];
          const replicas = NODES.map((node, i) => new Replica({ device: `dev${i}`, clock: createClock(node, () => now + (skews[i] ?? 0)) }));
          const viewer = replicas[0]!;
          // What each other device sealed and the viewer has not received yet, in seq order.
          const outbox: Segment[][] = [[], [], []];
          // Every segment the viewer applied, and its log in arrival order.
          const applied: Segment[] = [];
          const log: ChangeEntry[] = [];
          const record = (segment: Segment, origin: string | undefined) => {
            applied.push(segment);
            for (const change of segment.changes)
              log.push({ seq: log.length + 1, partition: 'workspace', hlc: change.hlc, changes: [change], ...(origin ? { origin } : {}) });
          };
          for (const cmd of cmds) {
            if (cmd.k === 'time') now += cmd.ms;
            else if (cmd.k === 'deliver') {
              const segment = outbox[cmd.from]!.shift();
              if (segment) {
                const result = viewer.receiveSegment(segment, now);
                expect(result.quarantined).toBe(0);
                record(segment, segment.device);
              }
            } else {
              const replica = replicas[cmd.dev]!;
              if (cmd.k === 'write') replica.write(cmd.table, cmd.id, Object.fromEntries(cmd.fields));
              else replica.remove(cmd.table, cmd.id);
              const segment = replica.flush()!;
              if (cmd.dev === 0) record(segment, undefined);
              else outbox[cmd.dev]!.push(segment);
            }
          }
          const instants = [...new Set(log.map((e) => decode(e.hlc).ms))].flatMap((ms) => [ms - 1, ms, ms + 1]);
          for (const instant of [T0 - 1, ...instants]) {
            const builder = new AsOfBuilder(boundAfter(instant));
            for (const entry of log) builder.add(entry);
            const states = builder.partitions.get('workspace');
            // The reference: a fresh replica given, per device in seq order, the writes up to the instant.
            const reference = new Replica({ device: 'ref', clock: createClock('00000000000000ff', () => now) });
            const perDevice = [...applied].sort((a, b) => a.device.localeCompare(b.device) || a.seq - b.seq);
            for (const segment of perDevice) if (decode(segment.changes[0]!.hlc).ms <= instant) reference.receiveSegment(segment, now);
            expect(states ? materialize(states.then) : {}).toEqual(reference.materialize());
            if (states) expect(materialize(states.now)).toEqual(viewer.materialize());
            // No difference is reported for a record that is the same then and now.
            if (states) for (const diff of diffStates(builder.partitions)) expect(diff.fields.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
