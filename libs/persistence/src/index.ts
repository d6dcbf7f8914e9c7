export * from './ensure-database';
export * from './database.module';
export * from './idempotency/idempotency';
export * from './sql';
export * from './pagination';
export * from './table';
