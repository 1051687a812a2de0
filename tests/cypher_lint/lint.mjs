// Lints Cypher statements with Neo4j's own checker (@neo4j-cypher/language-support).
// Input on stdin: JSON [{"name": ..., "statement": ...}]. Output on stdout: JSON
// [{"name", "diagnostics": [{"severity", "message", "start", "end"}]}]. Severity 1 is an error,
// 2 a warning (LSP numbering). The pytest caller decides which diagnostics fail the test.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const statements = JSON.parse(input);
// An empty schema: the checker then judges syntax and semantics only, not labels it has not seen.
const results = statements.map(({ name, statement }) => {
  const { diagnostics } = lintCypherQuery(statement, {});
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      start: d.offsets.start,
      end: d.offsets.end,
    })),
  };
});
process.stdout.write(JSON.stringify(results));
