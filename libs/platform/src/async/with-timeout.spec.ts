import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('answers what the work answers when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, () => new Error('late'))).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('refused')), 1000, () => new Error('late'))).rejects.toThrow('refused');
  });

  it('fails with the timeout error when the work is not done in time', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, () => new Error('no answer within 20 ms'))).rejects.toThrow('no answer within 20 ms');
  });

  it('clears its timer once the work is done', async () => {
    jest.useFakeTimers();
    try {
      await withTimeout(Promise.resolve(), 1000, () => new Error('late'));
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
