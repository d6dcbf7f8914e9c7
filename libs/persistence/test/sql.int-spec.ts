import { DataSource } from 'typeorm';
import { openDatabase, sql } from '../src';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';

describe('sql', () => {
  const id = newTestId();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase({ url: `${POSTGRES_URL}/${id}_sql`, poolSize: 2, entities: [], migrations: [], applicationName: 'sql-test' });
    await dataSource.query('CREATE TABLE item (id int PRIMARY KEY, n int NOT NULL)');
    await dataSource.query('INSERT INTO item VALUES (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabases(`${id}_`);
  });

  it('outside a transaction answers the rows of an UPDATE, committed on its own', async () => {
    const rows = await sql(dataSource, 'UPDATE item SET n = n + 1 WHERE id = $1 RETURNING id, n', [1]);
    expect(rows).toEqual([{ id: 1, n: 1 }]);
    // a later statement sees it: no transaction was left open
    const [{ n }] = await sql(dataSource.manager, 'SELECT n FROM item WHERE id = $1', [1]);
    expect(n).toBe(1);
  });

  it('outside a transaction too, runs the statement as a named prepared one, prepared once per connection', async () => {
    // an unnamed statement (an ordinary query) is not listed; a prepared one lists itself
    const text = `SELECT name FROM pg_prepared_statements WHERE statement LIKE '%FROM pg_prepared_statements%'`;
    for (let i = 0; i < 4; i++) {
      const rows = await sql<{ name: string }>(dataSource, text);
      expect(rows).toEqual([{ name: expect.stringMatching(/^oms_[0-9a-f]{24}$/) }]);
    }
  });

  it('gives the connection back to the pool when a statement fails', async () => {
    for (let i = 0; i < 5; i++) await expect(sql(dataSource, 'INSERT INTO item VALUES ($1, 0)', [1])).rejects.toThrow(/duplicate key/);
    expect(await sql(dataSource, 'SELECT id FROM item ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('inside a transaction runs on its connection: a rollback undoes it', async () => {
    await expect(dataSource.transaction(async (manager) => {
      await sql(manager, 'UPDATE item SET n = 100 WHERE id = $1', [2]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await sql(dataSource, 'SELECT n FROM item WHERE id = $1', [2])).toEqual([{ n: 0 }]);
  });
});
