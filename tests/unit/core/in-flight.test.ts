// The core's in-flight count, which every adapter's listeners use so a shutdown lets work finish: track() counts a
// piece of work until it settles (fulfilled or rejected), drain() waits until nothing is in flight (with a timeout, or
// without one as Slack's stop does), including work that began while it waited.
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../../src/core/limits.ts';

function gate<T = void>() {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('InFlight', () => {
  it('counts tracked work until it settles, and hands back its result or its error', async () => {
    const f = new InFlight();
    const a = gate<number>();
    const b = gate<number>();
    const ta = f.track(a.promise);
    const tb = f.track(b.promise);
    expect(f.active).toBe(2);
    a.open(7);
    expect(await ta).toBe(7);
    expect(f.active).toBe(1);
    b.fail(new Error('boom'));
    await expect(tb).rejects.toThrow('boom');
    expect(f.active).toBe(0);
  });

  it('drain() without a timeout waits for everything, also work begun while it waited', async () => {
    const f = new InFlight();
    const first = gate();
    const second = gate();
    void f.track(first.promise);
    let drained = false;
    const d = f.drain().then((ok) => {
      drained = ok;
    });
    // Work that starts before the first finishes keeps the count above zero.
    void f.track(second.promise);
    first.open();
    await first.promise;
    await Promise.resolve();
    expect(drained).toBe(false);
    second.open();
    await d;
    expect(drained).toBe(true);
  });

  it('drain(timeout) answers false when work is still running at the timeout, true at once when idle', async () => {
    const f = new InFlight();
    expect(await f.drain(0)).toBe(true);
    const never = gate();
    void f.track(never.promise);
    expect(await f.drain(1)).toBe(false);
    expect(f.active).toBe(1);
  });
});
