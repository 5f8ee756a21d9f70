// Reads Parquet files with DuckDB (an independent implementation of the format) and prints, as one JSON array
// on stdout, what DuckDB sees in each file: column names and DuckDB types, every row, the Parquet schema and the
// per-column-chunk metadata (codec, statistics). The C# conformance tests compare this with what they wrote.
//
// Usage: node read_parquet.mjs FILE.parquet [FILE.parquet ...]
// Needs @duckdb/node-api (pinned in package.json) in ./node_modules; from the repository root:
//   npm install --no-audit --no-fund --prefix tests/Grains.Tests/Conformance
//
// Values are printed so that nothing is lost on the way through JSON:
//   FLOAT and DOUBLE as strings: "NaN", "Infinity", "-Infinity", "-0", or JavaScript's shortest
//     round-trip decimal (FLOAT reaches JavaScript widened to a double, which is exact);
//   BIGINT as a decimal string; TIMESTAMP WITH TIME ZONE as microseconds since the epoch (a decimal string);
//   INTEGER as a decimal string; BOOLEAN as true/false; VARCHAR as the string; NULL as null.
import { DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';

function numberText(value) {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function valueText(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof DuckDBTimestampTZValue) return value.micros.toString();
  throw new Error(`unexpected value of type ${value?.constructor?.name ?? typeof value}: ${String(value)}`);
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

async function rowObjects(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

async function readFile(connection, path) {
  const source = `read_parquet(${sqlString(path)})`;
  const columns = (await rowObjects(connection, `DESCRIBE SELECT * FROM ${source}`))
    .map((row) => ({ name: row.column_name, type: row.column_type }));
  const data = await connection.runAndReadAll(`SELECT * FROM ${source}`);
  const rows = data.getRows().map((row) => row.map(valueText));
  const schema = await rowObjects(connection,
    `SELECT name, type, repetition_type, num_children, converted_type, logical_type
     FROM parquet_schema(${sqlString(path)})`);
  const chunks = await rowObjects(connection,
    `SELECT row_group_id, row_group_num_rows, column_id, path_in_schema, type, num_values, compression, encodings,
            stats_null_count, stats_min_value, stats_max_value, data_page_offset,
            total_compressed_size, total_uncompressed_size
     FROM parquet_metadata(${sqlString(path)}) ORDER BY row_group_id, column_id`);
  const file = (await rowObjects(connection,
    `SELECT created_by, num_rows, num_row_groups, format_version FROM parquet_file_metadata(${sqlString(path)})`))[0];
  return { path, columns, rows, schema, chunks, file };
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node read_parquet.mjs FILE.parquet [FILE.parquet ...]');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
// A plain scan keeps file order only while insertion order is preserved (the default); say so explicitly.
await connection.run('SET preserve_insertion_order = true');
// Statistics of TIMESTAMP WITH TIME ZONE columns are printed in the session time zone; make it independent of the machine.
await connection.run("SET TimeZone = 'UTC'");
const results = [];
for (const path of paths) {
  results.push(await readFile(connection, path));
}
connection.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify(results));
