// Acknowledgements first. Every platform's deadline is on the acknowledgement (Slack's HTTP answer or envelope ack,
// Discord's first response within 3 s), and those are small pieces of work driven by I/O; answering (search, the
// store, rendering, delivery) is the large one. When the event loop has more to do than it can, it must spend it on
// the acknowledgements. So new work enters at most `perTurn` invocations per turn of the event loop (in the check
// phase, after the poll phase has run every I/O callback that was ready: requests to acknowledge, deferral timers,
// answers coming back). Unloaded, an invocation waits one turn (well under a millisecond); overloaded, answers queue
// here, in order, while every acknowledgement still goes out at once.

export class Admission {
  private queue: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly perTurn: number) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new Error(`perTurn must be a whole number of at least 1 (got ${perTurn})`);
  }

  /** Resolves when this piece of work may start. */
  enter(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.queue.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.pump);
      }
    });
  }

  /** Invocations waiting to start. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private readonly pump = (): void => {
    this.scheduled = false;
    for (let i = 0; i < this.perTurn && this.head < this.queue.length; i++) this.queue[this.head++]!();
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.head < this.queue.length) {
      this.scheduled = true;
      setImmediate(this.pump);
    }
  };
}
