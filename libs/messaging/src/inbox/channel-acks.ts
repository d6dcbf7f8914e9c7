import type { Channel, Message } from 'amqplib';

/**
 * Acknowledges one channel's deliveries in as few frames as it can without holding any back: the acks of
 * a turn of the event loop that settle the oldest deliveries go as one `multiple` ack (a quorum queue
 * writes an entry to its log per ack frame, so a batch of events costs one instead of one each); an ack
 * that overtakes an older delivery still in work goes on its own, as before, so a slow event never keeps
 * the others unacknowledged (and the prefetch window full). Delivery tags grow one by one per channel.
 */
export class ChannelAcks {
  /** Tags delivered and not yet passed by the settled prefix, oldest first. */
  private readonly delivered: number[] = [];
  /** Of those, the ones settled (acked or nacked). */
  private readonly settled = new Set<number>();
  /** Acked in this turn, not yet sent. */
  private readonly acks = new Set<number>();
  private flushing = false;

  constructor(
    private readonly channel: Pick<Channel, 'ack' | 'nack'>,
    private readonly onClosed: (error: unknown) => void,
  ) {}

  received(message: Message): void {
    this.delivered.push(message.fields.deliveryTag);
  }

  ack(message: Message): void {
    const tag = message.fields.deliveryTag;
    this.settled.add(tag);
    this.acks.add(tag);
    if (!this.flushing) {
      this.flushing = true;
      // a microtask, not a tick: it runs before anything that awaits the settled work (closing the channel)
      queueMicrotask(() => this.flush());
    }
  }

  /** At once and on its own: rare (a message put back), and a later `multiple` ack must not be the one that covers it. */
  nack(message: Message, requeue: boolean): void {
    this.settled.add(message.fields.deliveryTag);
    this.send(() => this.channel.nack(message, false, requeue));
  }

  private flush(): void {
    this.flushing = false;
    let upTo = 0;
    while (this.delivered.length && this.settled.has(this.delivered[0])) {
      const tag = this.delivered.shift()!;
      this.settled.delete(tag);
      if (this.acks.has(tag)) upTo = tag;
    }
    // every delivery up to `upTo` is settled, and `upTo` itself is acked now: one frame acks them all
    if (upTo) this.send(() => this.channel.ack(tagged(upTo), true));
    for (const tag of this.acks) if (tag > upTo) this.send(() => this.channel.ack(tagged(tag)));
    this.acks.clear();
  }

  private send(frame: () => void): void {
    try {
      frame();
    } catch (error) {
      this.onClosed(error);
    }
  }
}

const tagged = (deliveryTag: number) => ({ fields: { deliveryTag } }) as Message;
