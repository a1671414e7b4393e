import type { ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from '../dialect.js';

export interface MigrationContext {
  dialect: Dialect;
}

/** The one DDL difference between the engines: how an auto-numbered key is spelled. */
export function idColumn(dialect: Dialect) {
  return {
    idType: dialect === 'postgres' ? ('serial' as const) : ('integer' as const),
    id: (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}
