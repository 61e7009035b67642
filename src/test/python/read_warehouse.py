"""Opens the warehouse read-only with Python's duckdb package (from the package index) and prints what an analyst
would read, as one JSON object on stdout: RealClientsTest compares it with the same reads through ivz's own DuckDB.
The SQL is src/test/node/reads.json, the same for every client.
Usage: python read_warehouse.py WAREHOUSE.duckdb EXPORT.parquet"""
import json
import pathlib
import sys

import duckdb

warehouse, parquet = sys.argv[1], sys.argv[2]
reads = json.loads((pathlib.Path(__file__).parent.parent / "node" / "reads.json").read_text(encoding="utf-8"))
con = duckdb.connect(warehouse, read_only=True)
out = {}
for name, sql in reads.items():
    rows = con.execute(sql.replace("$parquet", parquet.replace("'", "''"))).fetchall()
    out[name] = [[None if v is None else str(v) for v in row] for row in rows]
con.close()
print(json.dumps(out))
