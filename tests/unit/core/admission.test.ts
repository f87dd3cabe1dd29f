// Acknowledgements first: new work enters a few invocations per turn of the event loop, in order, so I/O waiting in
// the same turn (a request to acknowledge, a deferral timer) is never stuck behind a queue of answers.
import { describe, expect, it } from 'vitest';
import { Admission } from '../../../src/core/admission.ts';

function turn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

describe('Admission', () => {
  it('admits at most perTurn per turn of the event loop, in arrival order, and all of them eventually', async () => {
    const gate = new Admission(2);
    const started: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => gate.enter().then(() => started.push(i)));
    expect(gate.waiting).toBe(5);
    await turn();
    expect(started).toEqual([0, 1]);
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.waiting).toBe(0);
  });

  it('lets I/O that is ready run between admissions', async () => {
    const gate = new Admission(1);
    const order: string[] = [];
    const work = Array.from({ length: 3 }, (_, i) => gate.enter().then(() => order.push(`work ${i}`)));
    // An acknowledgement that becomes ready while work is queued (a timer, as a deferral is).
    setTimeout(() => order.push('ack'), 0);
    await Promise.all(work);
    expect(order.indexOf('ack')).toBeLessThan(order.indexOf('work 2'));
  });

  it('keeps admitting after a long queue (the queue is compacted)', async () => {
    const gate = new Admission(500);
    let done = 0;
    await Promise.all(Array.from({ length: 5000 }, () => gate.enter().then(() => done++)));
    expect(done).toBe(5000);
    expect(gate.waiting).toBe(0);
  });

  it('refuses a perTurn that is not a whole number of at least 1', () => {
    expect(() => new Admission(0)).toThrow(/at least 1/);
    expect(() => new Admission(1.5)).toThrow(/at least 1/);
  });
});
