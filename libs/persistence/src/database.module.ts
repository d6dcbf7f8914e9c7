import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// A calendar date has no time zone: keep PostgreSQL's `date` as the 'YYYY-MM-DD' text it is.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
import { ensureDatabase } from './ensure-database';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /** TypeORM's own option types (entity classes, schemas, file globs). */
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  applicationName: string;
}

/** Opens the service's own database: created if missing, migrated (never synchronized), pooled. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: options.poolSize, application_name: options.applicationName },
  });
  await dataSource.initialize();
  await migrateUnderLock(options.url, dataSource);
  return dataSource;
}

/** The advisory lock key of migrations (any fixed number; advisory locks are per database). */
const MIGRATION_LOCK = 7_312_004_211;

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock on a connection of its own:
 * when several instances start together, one migrates and the others wait, then find nothing to do
 * (TypeORM takes no lock itself, so they would otherwise run the same migration at once). The lock is
 * a session lock: a crashed instance's connection closes and releases it. Waiters poll with
 * `pg_try_advisory_lock` rather than block in `pg_advisory_lock`: a blocked statement holds a snapshot,
 * which a `CREATE INDEX CONCURRENTLY` in the migrator waits for — a deadlock PostgreSQL cannot see.
 */
export async function migrateUnderLock(url: string, dataSource: DataSource): Promise<void> {
  const lock = new Client({ connectionString: url, application_name: 'migration-lock' });
  await lock.connect();
  try {
    while (!(await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK])).rows[0].locked) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: () => DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useFactory: options },
        { provide: DataSource, useFactory: openDatabase, inject: [DATABASE_OPTIONS] },
      ],
      exports: [DataSource],
    };
  }

  /** Runs last: consumers and the outbox relay have stopped by now. */
  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Readiness check of the database. */
export const databaseCheck = (dataSource: DataSource) => ({
  name: 'database',
  check: async () => {
    await dataSource.query('SELECT 1');
  },
});
