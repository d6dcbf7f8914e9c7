export * from './ensure-database';
export * from './database.module';
export * from './idempotency/idempotency';
