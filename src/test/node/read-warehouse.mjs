// Opens the warehouse read-only with Node's DuckDB client and prints what an analyst would read, as one JSON
// object on stdout: RealClientsTest compares it with the same reads through the DuckDB 1.5 JDBC driver.
// Usage: node read-warehouse.mjs WAREHOUSE.duckdb EXPORT.parquet
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [warehouse, parquet] = process.argv.slice(2);
const sql = JSON.parse(readFileSync(new URL('reads.json', import.meta.url), 'utf8'));
const instance = await DuckDBInstance.create(warehouse, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const out = {};
for (const [name, text] of Object.entries(sql)) {
  const reader = await connection.runAndReadAll(text.replace('$parquet', parquet.replaceAll("'", "''")));
  out[name] = reader.getRowsJson().map(row => row.map(v => v === null ? null : String(v)));
}
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify(out));
