import type { Message } from 'amqplib';
import { ChannelAcks } from './channel-acks';

const message = (deliveryTag: number) => ({ fields: { deliveryTag } }) as Message;
const turn = () => new Promise((resolve) => setImmediate(resolve));

function channel() {
  const frames: string[] = [];
  const acks = new ChannelAcks({
    ack: (m: Message, allUpTo?: boolean) => void frames.push(`ack ${m.fields.deliveryTag}${allUpTo ? ' and all before' : ''}`),
    nack: (m: Message, _allUpTo?: boolean, requeue?: boolean) => void frames.push(`nack ${m.fields.deliveryTag}${requeue ? ' requeue' : ''}`),
  }, () => undefined);
  const deliver = (...tags: number[]) => tags.map((tag) => (acks.received(message(tag)), message(tag)));
  return { acks, frames, deliver };
}

describe('ChannelAcks', () => {
  it('acks a batch settled in one turn with one frame', async () => {
    const { acks, frames, deliver } = channel();
    deliver(1, 2, 3, 4).forEach((m) => acks.ack(m));
    await turn();
    expect(frames).toEqual(['ack 4 and all before']);
  });

  it('acks on its own what overtakes an older delivery still in work, and covers the rest once that one is done', async () => {
    const { acks, frames, deliver } = channel();
    const [first, second, third] = deliver(1, 2, 3);
    acks.ack(second);
    acks.ack(third);
    await turn();
    expect(frames).toEqual(['ack 2', 'ack 3']); // nothing waits for the first
    acks.ack(first);
    await turn();
    expect(frames.slice(2)).toEqual(['ack 1 and all before']);
    const [fourth] = deliver(4);
    acks.ack(fourth);
    await turn();
    expect(frames.slice(3)).toEqual(['ack 4 and all before']);
  });

  it('nacks at once, and never ends a multiple ack on a tag it nacked', async () => {
    const { acks, frames, deliver } = channel();
    const [first, second, third] = deliver(1, 2, 3);
    acks.ack(first);
    acks.nack(third, true);
    acks.ack(second);
    expect(frames).toEqual(['nack 3 requeue']);
    await turn();
    expect(frames).toEqual(['nack 3 requeue', 'ack 2 and all before']);
  });

  it('sends the acks before what awaits the settled work runs (closing the channel)', async () => {
    const { acks, frames, deliver } = channel();
    const [first] = deliver(1);
    await Promise.resolve().then(() => acks.ack(first));
    frames.push('close');
    expect(frames).toEqual(['ack 1 and all before', 'close']);
  });

  it('tells when a frame cannot be sent: the channel closed, and the broker redelivers', async () => {
    const closed: unknown[] = [];
    const acks = new ChannelAcks({ ack: () => { throw new Error('Channel closed'); }, nack: () => undefined }, (error) => closed.push(error));
    acks.received(message(1));
    acks.ack(message(1));
    await turn();
    expect(closed).toEqual([new Error('Channel closed')]);
  });
});
