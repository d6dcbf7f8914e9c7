import 'reflect-metadata';

// Integration specs start processes and wait for events; the per-project testTimeout is not honoured.
jest.setTimeout(180_000);
